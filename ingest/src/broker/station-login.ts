/**
 * Who may log in to the embedded broker: the service principal (ingest, the server nodes) with its
 * own password, or a registered station with its id as username and the password whose hash the
 * registry keeps. Anything else is refused (undefined), and the broker closes the connection.
 */
import type { StationDirectory } from '../../../shared/src/ports/stations'
import type { EmbeddedBrokerOptions } from './embedded-broker'

/** The broker's credential check. */
export type Authenticate = NonNullable<EmbeddedBrokerOptions['authenticate']>

/**
 * @example
 * startEmbeddedBroker({ ..., authenticate: stationLogin({ registry, serviceUsername: 'envmon', servicePassword }) })
 */
export function stationLogin(o: {
  registry: Pick<StationDirectory, 'get' | 'verify'>
  serviceUsername: string
  servicePassword: string
}): Authenticate {
  return (username, password) => {
    if (username === o.serviceUsername) return password === o.servicePassword ? { type: 'service', name: username } : undefined
    const st = o.registry.get(username)
    return st && o.registry.verify(st.id, password) ? { type: 'station', station: st } : undefined
  }
}
