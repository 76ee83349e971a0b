import { Module } from '@nestjs/common';
import { JournalModule } from '../journal/journal.module.js';
import { AccountPasswordsService } from './account-passwords.service.js';
import { ApiTokensService } from './api-tokens.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { DelegationsController } from './delegations.controller.js';
import { DelegationsService } from './delegations.service.js';
import { LoginThrottle } from './login-throttle.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Accounts, sessions and tokens, signing delegations: who the caller is (the access guard asks AuthService). */
@Module({
  imports: [JournalModule],
  controllers: [AuthController, UsersController, DelegationsController],
  providers: [AuthService, ApiTokensService, LoginThrottle, UsersService, DelegationsService, AccountPasswordsService],
  exports: [AuthService, UsersService, DelegationsService],
})
export class IdentityModule {}
