import { Module } from '@nestjs/common';
import { ReferentialsReader } from './referentials-reader.js';

/** The referentials' reads for other modules; imports nothing, so that any module may import it. */
@Module({ providers: [ReferentialsReader], exports: [ReferentialsReader] })
export class ReferentialsReaderModule {}
