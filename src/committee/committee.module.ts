import { Module } from '@nestjs/common';
import { AnalysesModule } from '../analyses/analyses.module.js';
import { DossierStoreModule } from '../dossiers/dossier-store.module.js';
import { UserDirectoryModule } from '../identity/user-directory.module.js';
import { JournalModule } from '../journal/journal.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { CommitteeFactsProvider } from './committee-facts.provider.js';
import { CommitteeTransitionsListener } from './committee-transitions.listener.js';
import { CommitteeVisibilityProvider } from './committee-visibility.provider.js';
import { MembersController } from './members/members.controller.js';
import { MembersService } from './members/members.service.js';
import { ClosingService } from './minutes/closing.service.js';
import { MinutesReadModel } from './minutes/minutes-read-model.js';
import { CompositionService } from './opinions/composition.service.js';
import { DossierCommitteeController } from './opinions/dossier-committee.controller.js';
import { MemberActsService } from './opinions/member-acts.service.js';
import { OpinionsService } from './opinions/opinions.service.js';
import { AgendaService } from './sessions/agenda.service.js';
import { AttendanceService } from './sessions/attendance.service.js';
import { ConvocationsService } from './sessions/convocations.service.js';
import { SessionsController } from './sessions/sessions.controller.js';
import { SessionsService } from './sessions/sessions.service.js';
import { OutboxModule } from '../notifications/outbox.module.js';
import { DossierVisibilityModule } from '../access/dossier-visibility.module.js';
import { ReferentialsModule } from '../referentials/referentials.module.js';

/**
 * Step 4, the comité d'engagement: members and seats, sessions and agendas, convocations,
 * attendance, interest declarations, votes, the reasoned opinion (through RECORD_OPINION)
 * and the minutes. Plugs the `sessionSchedulable` and `committeeQuorum` facts and a
 * transition listener into the workflow, and its members' dossier visibility into the
 * access layer.
 */
@Module({
  imports: [
    JournalModule,
    WorkflowModule,
    AnalysesModule,
    OutboxModule,
    DossierStoreModule,
    UserDirectoryModule,
    DossierVisibilityModule,
    ReferentialsModule,
  ],
  controllers: [MembersController, SessionsController, DossierCommitteeController],
  providers: [
    MembersService,
    SessionsService,
    AgendaService,
    AttendanceService,
    ConvocationsService,
    ClosingService,
    MinutesReadModel,
    CompositionService,
    MemberActsService,
    OpinionsService,
    CommitteeFactsProvider,
    CommitteeTransitionsListener,
    CommitteeVisibilityProvider,
  ],
  exports: [MembersService, OpinionsService],
})
export class CommitteeModule {}
