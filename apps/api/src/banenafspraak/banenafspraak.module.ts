import { Module } from '@nestjs/common';
import { BanenafspraakStatementController } from './banenafspraak-statement.controller.js';
import { BanenafspraakController } from './banenafspraak.controller.js';

@Module({ controllers: [BanenafspraakController, BanenafspraakStatementController] })
export class BanenafspraakModule {}
