import { Module } from '@nestjs/common';
import { ReadYourWrites } from '../consistency/read-your-writes.service.js';
import { StreamsController } from './streams.controller.js';

@Module({
  controllers: [StreamsController],
  providers: [ReadYourWrites],
})
export class StreamsModule {}
