import { Module } from '@nestjs/common';
import { StreamsController } from './streams.controller.js';

@Module({
  controllers: [StreamsController],
})
export class StreamsModule {}
