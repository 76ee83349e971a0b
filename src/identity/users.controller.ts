import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { UserIdPipe } from '../common/id.pipe.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, RequirePermission } from '../access/access.decorators.js';
import { AccountPasswordsService } from './account-passwords.service.js';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto } from './dto/user.dto.js';
import { Permission } from '../access/permissions.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: AccountPasswordsService,
  ) {}

  @Get()
  @RequirePermission(Permission.UserManage)
  @ApiOperation({ summary: 'Every account with its roles.' })
  async list() {
    return { items: await this.users.list() };
  }

  @Post()
  @RequirePermission(Permission.UserManage)
  @ApiOperation({
    summary:
      'Creates an account with its roles (never admin with a deciding role: 422). Seats and signing delegations are given separately.',
  })
  create(@Body() body: CreateUserDto, @CurrentActor() actor: Actor) {
    return this.users.create(body, actor);
  }

  @Get(':id')
  @RequirePermission(Permission.UserManage)
  get(@Param('id', UserIdPipe) id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @RequirePermission(Permission.UserManage)
  @ApiOperation({
    summary:
      'Renames, replaces the roles, or deactivates (active: false ends every session and token). A reason is required to change the roles or deactivate; nobody grants a role to themselves (403); admin never goes with a deciding role (422).',
  })
  async update(@Param('id', UserIdPipe) id: string, @Body() body: UpdateUserDto, @CurrentActor() actor: Actor) {
    // Deactivation ends the sessions and tokens in the same transaction.
    const { user } = await this.users.update(id, body, actor);
    return user;
  }

  @Post(':id/password')
  @HttpCode(200)
  @RequirePermission(Permission.UserManage)
  @ApiOperation({
    summary:
      'Resets another user’s password (with a reason): answers a one-time temporary password, shown once, that the user must replace at first login; ends their sessions and tokens. Not one’s own (403).',
  })
  async resetPassword(
    @Param('id', UserIdPipe) id: string,
    @Body() body: ResetPasswordDto,
    @CurrentActor() actor: Actor,
  ) {
    const { temporaryPassword } = await this.passwords.reset(id, body.reason, actor);
    return { reset: true, temporaryPassword, mustChangePassword: true };
  }
}
