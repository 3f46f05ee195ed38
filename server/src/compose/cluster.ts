/**
 * The composition of a cluster node (issue 7, docs/deployment.md): `ROLE=ingest` or `ROLE=server`
 * compose the same stacks as the one-process system (system.ts), wired through MQTT instead of
 * in-process events.
 */
import type { Config } from '../config'
import { startIngestNode, type IngestNode } from './ingest-node'
import type { NodeOptions } from './node-options'
import { startServerNode, type ServerNode } from './server-node'

export type { IngestNode } from './ingest-node'
export type { NodeOptions } from './node-options'
export type { ServerNode } from './server-node'
export type ClusterNode = IngestNode | ServerNode

/**
 * Start this process's cluster role.
 * @example
 * const node = await startCluster(loadConfig({ ...process.env, ROLE: 'server' }))
 * // on shutdown: await node.stop()
 */
export async function startCluster(config: Config, opts: NodeOptions = {}): Promise<ClusterNode> {
  switch (config.cluster.role) {
    case 'ingest':
      return startIngestNode(config, opts)
    case 'server':
      return startServerNode(config, opts)
    default:
      throw new Error(`startCluster: ROLE=${config.cluster.role} is the one-process system (startSystem)`)
  }
}
