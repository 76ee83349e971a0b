import { Global, Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { DossierVisibility } from './dossier-visibility.js';
import { LoginThrottle } from './login-throttle.js';
import { SignatureFactsProvider } from './signature-facts.provider.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Global: every module's routes are guarded, and any may ask what a caller may see. */
@Global()
@Module({
  imports: [WorkflowModule],
  controllers: [AuthController, UsersController],
  providers: [AuthService, LoginThrottle, UsersService, DossierVisibility, SignatureFactsProvider],
  exports: [AuthService, UsersService, DossierVisibility],
})
export class IdentityModule {}
