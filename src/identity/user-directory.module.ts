import { Module } from '@nestjs/common';
import { UserDirectory } from './user-directory.js';

/** The accounts' directory, below every module that names people (no imports of its own). */
@Module({ providers: [UserDirectory], exports: [UserDirectory] })
export class UserDirectoryModule {}
