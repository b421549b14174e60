import { api, hasStaffRole, StaffRole, type WorkbenchTool } from '@zwgk/contracts';
import { listAudit, auditModel } from '../../core/audit';
import type { RouteKit } from '../../core/http';
import type { AppContext } from '../../deps';

/** A tool of the workbench, contributed by the feature that owns it. */
export interface WorkbenchToolProvider {
  id: WorkbenchTool['id'];
  title: string;
  description: string;
  role: StaffRole;
  path: string;
  /** The tool's queue figures; a failure shows the tool as `unavailable`, never fails the page. */
  counts(): Promise<WorkbenchTool['counts']>;
}

const COUNTS_BUDGET_MS = 1500;

/**
 * The workbench home (the tools the caller's roles allow, with their queue counts) and the
 * audit log (admin).
 */
export function staffRoutes(kit: RouteKit, app: AppContext, opts: { tools: WorkbenchToolProvider[] }): void {
  const auditTool: WorkbenchToolProvider = {
    id: 'audit',
    title: '审计日志',
    description: '查看工作人员的每项操作记录',
    role: 'admin',
    path: '/features/workbench/pages/audit/index',
    async counts() {
      const since = new Date(app.now().getTime() - 86_400_000);
      return [{ label: '近 24 小时操作', count: await auditModel(app.mongo).countDocuments({ at: { $gte: since } }), attention: false }];
    },
  };
  const providers = [...opts.tools, auditTool];

  kit.mount(api.workbench, async (c) => {
    const roles = c.state.user!.roles.filter((r): r is StaffRole => (StaffRole.options as readonly string[]).includes(r));
    const mine = providers.filter((p) => hasStaffRole(roles, p.role));
    const tools = await Promise.all(
      mine.map(async (p): Promise<WorkbenchTool> => {
        let timer: NodeJS.Timeout | undefined;
        try {
          const counts = await Promise.race([
            p.counts(),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error('counts over budget')), COUNTS_BUDGET_MS);
            }),
          ]);
          return { id: p.id, title: p.title, description: p.description, role: p.role, path: p.path, counts, status: 'ok' };
        } catch (err) {
          c.state.log.warn({ tool: p.id, err: (err as Error).message }, 'workbench counts unavailable');
          return { id: p.id, title: p.title, description: p.description, role: p.role, path: p.path, counts: [], status: 'unavailable' };
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return { roles, tools };
  });
  kit.mount(api.auditLog, async (_c, { query }) => listAudit(app, query));
}
