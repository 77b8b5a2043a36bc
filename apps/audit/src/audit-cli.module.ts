import { Module, type DynamicModule } from '@nestjs/common';
import { InfrastructureModule } from '@banenpool/infrastructure';
import { AppConfig } from '@banenpool/platform';

/** The storage the API uses (event store, read models), without the projector or HTTP. */
@Module({})
export class AuditCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AuditCliModule, imports: [InfrastructureModule.forRoot(config, { runProjector: false })] };
  }
}
