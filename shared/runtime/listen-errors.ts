/** What a server is and which variables move it, for the messages below. */
export interface ListenTarget {
  port: number
  host: string
  /** What this server is: "the bank app", "the sandbox". */
  name: string
  /** The variable that sets its port, e.g. `PORT`. */
  portVariable: string
  /** The variable that sets its host, e.g. `HOST`. */
  hostVariable: string
}

/** The server could not listen; the message names the variable to change and how. */
export class ListenError extends Error {
  constructor(
    message: string,
    readonly port: number,
    readonly host: string,
    /** Node's error code, e.g. `EACCES`. */
    readonly code: string | undefined
  ) {
    super(message)
    this.name = 'ListenError'
  }
}

/** Thrown when the port is taken; its message says which variable to set instead. */
export class PortInUseError extends ListenError {
  constructor(port: number, host: string, name: string, portVariable: string) {
    super(
      `Port ${port} is already in use, so ${name} cannot start. ` +
        `Another copy may still be running: stop it (Ctrl+C in its terminal), ` +
        `or pick another port, e.g. ${portVariable}=${nearbyPort(port)} in .env or before the command.`,
      port,
      host,
      'EADDRINUSE'
    )
    this.name = 'PortInUseError'
  }
}

/**
 * The error to report for a failed `listen`: {@link PortInUseError} for a busy port, otherwise a
 * {@link ListenError} saying what the machine refused and which variable to change.
 *
 * @example
 * server.once('error', (error) => reject(listenError(error, { port, host, name: 'the bank app',
 *   portVariable: 'PORT', hostVariable: 'HOST' })))
 */
export function listenError(error: NodeJS.ErrnoException, target: ListenTarget): ListenError {
  const { port, host, name, portVariable, hostVariable } = target
  const subject = name.charAt(0).toUpperCase() + name.slice(1)
  const fix = 'in .env or before the command'
  switch (error.code) {
    case 'EADDRINUSE':
      return new PortInUseError(port, host, name, portVariable)
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ListenError(
        `${subject} cannot listen on ${host}: this machine has no such address. ` +
          `Set ${hostVariable} to 127.0.0.1 (this computer only), 0.0.0.0 (every network) or ` +
          `one of this machine's own addresses, ${fix}.`,
        port,
        host,
        error.code
      )
    case 'EACCES':
    case 'EPERM':
      return new ListenError(
        `${subject} is not allowed to listen on port ${port}` +
          (port < 1024 ? ': ports below 1024 need administrator rights' : '') +
          `. Set ${portVariable} to a port from 1024 to 65535, ` +
          `e.g. ${portVariable}=${port < 1024 ? 8000 + port : nearbyPort(port)} ${fix}.`,
        port,
        host,
        error.code
      )
    default:
      return new ListenError(
        `${subject} cannot listen on ${host} port ${port} (${error.code ?? error.message}). ` +
          `Check ${hostVariable} and ${portVariable}.`,
        port,
        host,
        error.code
      )
  }
}

/**
 * Another port to suggest: ten up, or ten down at the top of the range.
 *
 * @example
 * nearbyPort(4000) // 4010
 * nearbyPort(65535) // 65525
 */
export function nearbyPort(port: number): number {
  return port + 10 <= 65535 ? port + 10 : port - 10
}
