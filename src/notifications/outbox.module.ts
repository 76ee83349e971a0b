import { Module } from '@nestjs/common';
import { Outbox } from './outbox.js';

/** The outbox's writing side, below every module that asks for a side effect. */
@Module({ providers: [Outbox], exports: [Outbox] })
export class OutboxModule {}
