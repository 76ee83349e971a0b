import { Module } from '@nestjs/common';
import { OpinionReader } from './opinions/opinion-reader.js';
import { MinutesReader } from './sessions/minutes-reader.js';

/**
 * The committee's reads for the modules downstream of it (the decisions). Imports nothing
 * from the application, so that they import it without a circle; the committee never
 * imports them.
 */
@Module({ providers: [OpinionReader, MinutesReader], exports: [OpinionReader, MinutesReader] })
export class CommitteeReaderModule {}
