import { AuditPage, AuditQuery, WorkbenchResponse } from '../staff';
import { route, type RouteContract } from '../route';

/** The staff workbench home and the audit log. */
export const staffApi = {
  workbench: route({
    method: 'get',
    path: '/api/v1/staff/workbench',
    summary: '工作台：本人角色可用的工具及其待办数量',
    auth: 'staff',
    response: WorkbenchResponse,
  }),
  auditLog: route({
    method: 'get',
    path: '/api/v1/staff/audit',
    summary: '审计日志：工作人员的每项操作（谁、做了什么、何时、前后状态）',
    auth: 'staff',
    role: 'admin',
    query: AuditQuery,
    response: AuditPage,
  }),
} satisfies Record<string, RouteContract>;
