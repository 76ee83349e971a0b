import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { TokenIdPipe } from '../common/id.pipe.js';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AllowedBeforePasswordChange, CurrentActor, Public, RequirePermission } from '../access/access.decorators.js';
import { AccountPasswordsService } from './account-passwords.service.js';
import { ApiTokensService } from './api-tokens.service.js';
import { AuthService } from './auth.service.js';
import { CSRF_COOKIE, SESSION_COOKIE, serializeCookie } from './cookies.js';
import { ChangePasswordDto, CreateTokenDto, LoginDto, SwitchRoleDto } from './dto/user.dto.js';
import { Permission, permissionsOf } from '../access/permissions.js';
import { MeView } from './dto/me.view.js';
import { UsersService } from './users.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly passwords: AccountPasswordsService,
    private readonly tokens: ApiTokensService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary:
      'Opens a web session: HTTP-only cookie scic_session, and a CSRF token (body and cookie scic_csrf) to send as X-CSRF-Token.',
  })
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.auth.login(body.email, body.password, request.ip, body.role);
    const maxAgeSeconds = Math.floor(this.config.sessionTtlMs / 1000);
    const secure = this.config.cookieSecure;
    void reply.header('set-cookie', [
      serializeCookie(SESSION_COOKIE, result.sessionSecret, { httpOnly: true, secure, maxAgeSeconds }),
      serializeCookie(CSRF_COOKIE, result.csrfToken, { httpOnly: false, secure, maxAgeSeconds }),
    ]);
    return {
      user: result.user,
      role: result.role,
      csrfToken: result.csrfToken,
      expiresAt: result.expiresAt.toISOString(),
    };
  }

  @Post('logout')
  @HttpCode(200)
  @RequirePermission(Permission.OwnAccount)
  @AllowedBeforePasswordChange()
  @ApiOperation({ summary: 'Ends the session (or revokes the token) used by this request.' })
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.auth.logout(actor);
    const expired = { httpOnly: true, secure: this.config.cookieSecure, maxAgeSeconds: 0 };
    void reply.header('set-cookie', [
      serializeCookie(SESSION_COOKIE, '', expired),
      serializeCookie(CSRF_COOKIE, '', { ...expired, httpOnly: false }),
    ]);
    return { loggedOut: true };
  }

  @Get('me')
  @RequirePermission(Permission.OwnAccount)
  @AllowedBeforePasswordChange()
  @ApiOperation({ summary: 'The caller: user, roles, the role this request acts under and its permissions.' })
  @ApiOkResponse({ type: MeView })
  async me(@CurrentActor() actor: Actor): Promise<MeView> {
    const permissions = permissionsOf(actor.role);
    if (actor.credential === 'dev') {
      return { user: null, role: actor.role, credential: 'dev', userId: actor.userId, permissions };
    }
    const user = await this.users.get(actor.userId);
    return { user, role: actor.role, credential: actor.credential?.split(':')[0], permissions };
  }

  @Post('password')
  @HttpCode(200)
  @RequirePermission(Permission.OwnAccount)
  @AllowedBeforePasswordChange()
  @ApiOperation({
    summary:
      'Changes the caller’s own password (the current one required, from a session): clears the one-time password an administrator set, ends the other sessions and tokens.',
  })
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto) {
    await this.passwords.changeOwn(actor, body.currentPassword, body.newPassword);
    return { changed: true };
  }

  @Post('role')
  @HttpCode(200)
  @RequirePermission(Permission.OwnAccount)
  @ApiOperation({ summary: 'Switches the session to another role the user holds.' })
  async switchRole(@CurrentActor() actor: Actor, @Body() body: SwitchRoleDto) {
    return { role: await this.auth.switchRole(actor, body.role) };
  }

  @Post('tokens')
  @RequirePermission(Permission.OwnAccount)
  @ApiOperation({
    summary: 'Creates a personal API token acting under one of the user’s roles. The token is shown once.',
    description:
      'From a web session only (403 with a token), authenticated less than five minutes ago or with `password` (403 otherwise). Expires after `expiresInDays` (default 90, at most 365).',
  })
  createToken(@CurrentActor() actor: Actor, @Body() body: CreateTokenDto, @Req() request: FastifyRequest) {
    return this.tokens.createToken(actor, { ...body, name: body.name.trim() }, request.ip);
  }

  @Get('tokens')
  @RequirePermission(Permission.OwnAccount)
  @ApiOperation({ summary: 'The caller’s API tokens (never their secret).' })
  listTokens(@CurrentActor() actor: Actor) {
    return this.tokens.listTokens(actor.userId).then((items) => ({ items }));
  }

  @Delete('tokens/:tokenId')
  @RequirePermission(Permission.OwnAccount)
  @ApiOperation({ summary: 'Revokes one of the caller’s API tokens.' })
  async revokeToken(@CurrentActor() actor: Actor, @Param('tokenId', TokenIdPipe) tokenId: string) {
    await this.tokens.revokeToken(actor, tokenId);
    return { revoked: true };
  }
}
