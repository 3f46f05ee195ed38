/**
 * Chinese strings of the audit trail tab (client/src/admin/audit-admin.tsx). Merged into zh.ts.
 */
export const zhAudit = {
  'admin.audit': '操作日志',
  'admin.au.intro':
    '每一次改变系统状态的操作(登录与登录失败、用户、站点、凭据、规则、通知设置、告警确认与解除、数据审核等)都按时间追加记录:谁、何时、从哪个地址、做了什么、改动前后。日志只追加、逐条哈希链接,不记录密码和密钥。',
  'admin.au.csv': '导出 CSV',
  'admin.au.user': '用户',
  'admin.au.action': '操作',
  'admin.au.from': '起(北京时间)',
  'admin.au.to': '止(北京时间)',
  'admin.au.apply': '查询',
  'admin.au.none': '没有符合条件的记录。',
  'admin.au.time': '时间(北京时间)',
  'admin.au.address': '地址',
  'admin.au.target': '对象',
  'admin.au.status': '结果',
  'admin.au.changes': '改动',
  'admin.au.incomplete': '(未完成)',
  'admin.au.nChanges': '{n} 项改动',
  'admin.au.request': '请求内容',
  'admin.au.field': '字段',
  'admin.au.before': '改动前',
  'admin.au.after': '改动后',
  'admin.au.node': '节点 {node} 第 {seq} 条',
  'admin.au.newer': '较新',
  'admin.au.older': '较早',
  'admin.au.range': '第 {from}–{to} 条,共 {total} 条',
} as const
