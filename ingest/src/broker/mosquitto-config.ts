/**
 * The production broker policy for mosquitto, equivalent to the embedded broker's ACL
 * (acl.ts): stations authenticate with a password file (username = station id) and may publish
 * only under their own topics; the service principal (ingest, server) reads and writes all.
 * Used by docs/deployment.md and by the tests that run Debian's mosquitto.
 *
 * Two listeners (`per_listener_settings true`), because a client id is bound at CONNECT, before
 * any ACL is consulted (an ACL pattern with `%c` governs topics, not who may take over a session):
 * - the **station listener** (`port`, the one stations are configured with) has
 *   `use_username_as_clientid true`: mosquitto replaces whatever client id a station sends with
 *   its username, i.e. its station id, so DG-AIR-03 sending `clientId: 'DG-AIR-04'` gets session
 *   `DG-AIR-03` and cannot knock DG-AIR-04 off (issue 15). Its password file holds stations only.
 * - the **service listener** (`servicePort`, internal, never exposed to stations) keeps client ids
 *   as sent: envmon's nodes use several fixed ids under one service username (`envmon-ingest-0`,
 *   `envmon-rules-0`, `envmon-notify`...), which `use_username_as_clientid` would collapse into one
 *   session. Its password file holds the service user only, so a station cannot log in there.
 * The embedded broker refuses such a connect instead (CONNACK "identifier rejected"); mosquitto
 * 2.0 has no per-user client id check without the dynamic-security plugin, and rewriting the id
 * is as safe: only the station's own session is at stake.
 */

export interface MosquittoConfigOptions {
  /** The station listener. */
  port: number
  host?: string
  /** The service listener (envmon's nodes; keep it off networks stations reach). */
  servicePort: number
  /** Default: `host`. */
  serviceHost?: string
  /** Directory holding passwd, passwd-service, acl, acl-service and the persistence file. */
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
    `per_listener_settings true`,
    ``,
    `# Stations: username = station id; the client id is replaced by the username, so one station`,
    `# cannot take over (and disconnect) another's session.`,
    `listener ${o.port} ${o.host ?? '127.0.0.1'}`,
    `allow_anonymous false`,
    `use_username_as_clientid true`,
    `password_file ${o.dir}/passwd`,
    `acl_file ${o.dir}/acl`,
    ``,
    `# envmon's own nodes (service user only; fixed client ids of their own). Not for stations.`,
    `listener ${o.servicePort} ${o.serviceHost ?? o.host ?? '127.0.0.1'}`,
    `allow_anonymous false`,
    `password_file ${o.dir}/passwd-service`,
    `acl_file ${o.dir}/acl-service`,
    ``,
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

/** The station listener's ACL: `%u` is the connecting username, i.e. the station id. */
export function mosquittoAcl(o: Pick<MosquittoConfigOptions, 'topicPrefix'>): string {
  const p = o.topicPrefix ?? 'envmon'
  return [
    `# Every station (username = station id): publish only under its own topics.`,
    `pattern write ${p}/v1/+/%u/reading`,
    `pattern write ${p}/v1/+/%u/hj212`,
    `pattern write ${p}/v1/+/%u/status`,
    `# Its HJ 212 command topic (issue 12): envmon's requests to its data logger.`,
    `pattern read ${p}/v1/+/%u/hj212/cmd`,
    '',
  ].join('\n')
}

/** The service listener's ACL: the service principal (ingest, server) reads and writes everything. */
export function mosquittoServiceAcl(o: Pick<MosquittoConfigOptions, 'serviceUsername'>): string {
  return [`# The service principal (ingest, server): everything.`, `user ${o.serviceUsername}`, `topic readwrite #`, ''].join('\n')
}
