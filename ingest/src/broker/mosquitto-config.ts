/**
 * The production broker policy for mosquitto, equivalent to the embedded broker's ACL
 * (acl.ts): stations authenticate with a password file (username = station id) and may publish
 * only under their own topics; the service principal (ingest, server) reads and writes all.
 * Used by docs/deployment.md and by the tests that run Debian's mosquitto.
 */

export interface MosquittoConfigOptions {
  port: number
  host?: string
  /** Directory holding passwd, acl and the persistence file. */
  dir: string
  serviceUsername: string
  topicPrefix?: string
  /** OS user mosquitto runs as (it drops root privileges to `mosquitto` by default). */
  runAs?: string
  /** Largest packet accepted (bytes). */
  maxPacketBytes?: number
  persistence?: boolean
}

/** mosquitto.conf text. */
export function mosquittoConf(o: MosquittoConfigOptions): string {
  return [
    `# envmon broker policy (generated; see docs/deployment.md)`,
    `per_listener_settings false`,
    `listener ${o.port} ${o.host ?? '127.0.0.1'}`,
    `allow_anonymous false`,
    `password_file ${o.dir}/passwd`,
    `acl_file ${o.dir}/acl`,
    `max_packet_size ${o.maxPacketBytes ?? 1048576}`,
    `max_queued_messages 1000000`,
    `max_inflight_messages 1000`,
    `persistence ${o.persistence === false ? 'false' : 'true'}`,
    `persistence_location ${o.dir}/`,
    `autosave_interval 1`,
    ...(o.runAs ? [`user ${o.runAs}`] : []),
    `log_dest stderr`,
    `log_type error`,
    `log_type warning`,
    '',
  ].join('\n')
}

/** mosquitto ACL text: `%u` is the connecting username, i.e. the station id. */
export function mosquittoAcl(o: Pick<MosquittoConfigOptions, 'serviceUsername' | 'topicPrefix'>): string {
  const p = o.topicPrefix ?? 'envmon'
  return [
    `# The service principal (ingest, server): everything.`,
    `user ${o.serviceUsername}`,
    `topic readwrite #`,
    ``,
    `# Every station (username = station id): publish only under its own topics.`,
    `pattern write ${p}/v1/+/%u/reading`,
    `pattern write ${p}/v1/+/%u/hj212`,
    `pattern write ${p}/v1/+/%u/status`,
    '',
  ].join('\n')
}
