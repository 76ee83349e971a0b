import { Global, Module } from '@nestjs/common';
import { JournalModule } from '../journal/journal.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { AccountPasswordsService } from './account-passwords.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { DelegationsController } from './delegations.controller.js';
import { DelegationsService } from './delegations.service.js';
import { AccessModule } from '../access/access.module.js';
import { LoginThrottle } from './login-throttle.js';
import { SignatureFactsProvider } from './signature-facts.provider.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Global: every module's routes are guarded, and any may ask what a caller may see. */
@Global()
@Module({
  imports: [WorkflowModule, JournalModule, AccessModule],
  controllers: [AuthController, UsersController, DelegationsController],
  providers: [
    AuthService,
    LoginThrottle,
    UsersService,
    DelegationsService,
    AccountPasswordsService,
    SignatureFactsProvider,
  ],
  exports: [AuthService, UsersService, DelegationsService, AccessModule],
})
export class IdentityModule {}
