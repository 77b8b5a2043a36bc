import { Module } from '@nestjs/common';
import { CommandRunner } from './command-runner.service.js';
import { StreamReader } from './stream-reader.service.js';

@Module({ providers: [CommandRunner, StreamReader], exports: [CommandRunner, StreamReader] })
export class CommandsModule {}
