import { Module } from '@nestjs/common';
import { BanenafspraakController } from './banenafspraak.controller.js';

@Module({ controllers: [BanenafspraakController] })
export class BanenafspraakModule {}
