import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { UserIdPipe } from '../common/id.pipe.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto } from './dto/user.dto.js';
import { Permission } from './permissions.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
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
    summary: 'Creates an account with its roles (seat category for committee members, delegation for élus).',
  })
  create(@Body() body: CreateUserDto) {
    return this.users.create(body);
  }

  @Get(':id')
  @RequirePermission(Permission.UserManage)
  get(@Param('id', UserIdPipe) id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @RequirePermission(Permission.UserManage)
  @ApiOperation({
    summary: 'Renames, replaces the roles, or deactivates (active: false ends every session and token).',
  })
  async update(@Param('id', UserIdPipe) id: string, @Body() body: UpdateUserDto) {
    const { user, deactivated } = await this.users.update(id, body);
    if (deactivated) await this.auth.revokeAll(id);
    return user;
  }

  @Post(':id/password')
  @HttpCode(200)
  @RequirePermission(Permission.UserManage)
  @ApiOperation({ summary: 'Sets a new password and ends the user’s sessions and tokens.' })
  async resetPassword(@Param('id', UserIdPipe) id: string, @Body() body: ResetPasswordDto) {
    await this.users.setPassword(id, body.password);
    await this.auth.revokeAll(id);
    return { reset: true };
  }
}
