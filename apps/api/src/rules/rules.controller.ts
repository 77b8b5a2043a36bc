import { BadRequestException, Body, Controller, Get, NotFoundException, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { GetRuleTablesQuery, PublishRulePeriodCommand, type RequestContext } from '@banenpool/application';
import { PUBLISHED_EVENT_OF, RULE_TABLES, ruleEvents, type PublishRulePeriod, type RuleTable } from '@banenpool/domain';
import { Roles } from '@banenpool/platform';
import { Context } from '../http/request-context.decorator.js';
import { PublishRulePeriodDto } from './rule-period.dto.js';

const TABLE_PARAM = { name: 'table', enum: RULE_TABLES };
const TABLE_ANSWER =
  '{ table, streamId, version, rows: [{ table, effectiveFrom, effectiveUntil?, lastDay?, revision, values, source, reason?, revisions }] }';

/** The statutory rule tables (minimum wage, working time, chain rule, holiday allowance), each an effective-dated stream. */
@ApiTags('rules')
@ApiBearerAuth()
@Controller('rules')
export class RulesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Roles('operator', 'auditor')
  @ApiOperation({ summary: 'Every rule table with its periods, revisions and sources' })
  @ApiOkResponse({ description: `{ tables: [${TABLE_ANSWER}] }` })
  async list() {
    return { tables: await this.queries.execute(new GetRuleTablesQuery()) };
  }

  @Get(':table')
  @Roles('operator', 'auditor')
  @ApiParam(TABLE_PARAM)
  @ApiOperation({ summary: 'One rule table with its periods, revisions and sources; its version is the ETag' })
  @ApiOkResponse({ description: TABLE_ANSWER })
  async get(@Param('table') table: string) {
    const [answer] = await this.queries.execute(new GetRuleTablesQuery(ruleTable(table)));
    return answer;
  }

  @Post(':table')
  @Roles('operator')
  @ApiParam(TABLE_PARAM)
  @ApiOperation({
    summary: 'Publish the next period of a rule table, or correct one (same effectiveFrom, with a reason: a new revision)',
  })
  @ApiCreatedResponse({ description: '{ streamId, version, position, events }' })
  publish(@Param('table') table: string, @Body() body: PublishRulePeriodDto, @Context() context: RequestContext) {
    return this.commands.execute(new PublishRulePeriodCommand(publication(ruleTable(table), body), context));
  }
}

function ruleTable(name: string): RuleTable {
  const table = RULE_TABLES.find((t) => t === name);
  if (!table) throw new NotFoundException(`There is no rule table "${name}"; the tables are ${RULE_TABLES.join(', ')}.`);
  return table;
}

/** The body read with the schema the table's event is stored with, so what is accepted can always be stored. */
function publication(table: RuleTable, body: PublishRulePeriodDto): PublishRulePeriod {
  const parsed = ruleEvents[PUBLISHED_EVENT_OF[table]].data.safeParse(body);
  if (!parsed.success) {
    const where = (path: PropertyKey[]) => (path.length > 0 ? path.join('.') : 'body');
    throw new BadRequestException(parsed.error.issues.map((issue) => `${where(issue.path)} (${table}): ${issue.message}`));
  }
  const unknown = droppedKeys(body.values, parsed.data.values, 'values');
  if (unknown.length > 0) throw new BadRequestException(unknown.map((path) => `${path} (${table}): not a field of this table`));
  // The schema was chosen by the table, so the values are that table's.
  return { type: 'PublishRulePeriod', table, ...parsed.data } as PublishRulePeriod;
}

// The event schemas drop keys they do not name; in a published figure a dropped key is a mistyped
// one (`bblYouthbp`), which must be refused rather than published as "no BBL rates".
function droppedKeys(sent: unknown, kept: unknown, path: string): string[] {
  if (typeof sent !== 'object' || sent === null || typeof kept !== 'object' || kept === null) return [];
  return Object.entries(sent).flatMap(([key, value]) =>
    Object.hasOwn(kept, key) ? droppedKeys(value, (kept as Record<string, unknown>)[key], `${path}.${key}`) : [`${path}.${key}`],
  );
}
