import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AnalysesModule } from './analyses/analyses.module.js';
import { CommitteeModule } from './committee/committee.module.js';
import { CLOCK, systemClock, type Clock } from './common/clock.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { DecisionsModule } from './decisions/decisions.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { ParticipationModule } from './participation/participation.module.js';
import { AdvancesModule } from './advances/advances.module.js';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { DossiersModule } from './dossiers/dossiers.module.js';
import { HealthController } from './health/health.controller.js';
import { AccessGuard } from './identity/access.guard.js';
import { IdentityModule } from './identity/identity.module.js';
import { JournalModule } from './journal/journal.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { ReferentialsModule } from './referentials/referentials.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { WorkflowModule } from './workflow/workflow.module.js';

@Module({})
class CoreModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [APP_CONFIG, CLOCK],
    };
  }
}

export interface AppModuleOptions {
  config: AppConfig;
  /** Initialised and migrated by the caller (see app.factory.ts). */
  dataSource: DataSource;
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot({ config, dataSource, clock = systemClock }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, clock),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
        IdentityModule,
        JournalModule,
        WorkflowModule,
        DossiersModule,
        DeadlinesModule,
        NotificationsModule,
        DocumentsModule,
        ReferentialsModule,
        AnalysesModule,
        CommitteeModule,
        DecisionsModule,
        ParticipationModule,
        AdvancesModule,
        ExportsModule,
        ReportsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
