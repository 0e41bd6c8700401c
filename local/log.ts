/**
 * Structured log lines for the local runtime's own components (the handlers log through Powertools).
 * Keys, never string building; callers pass ids and names, never message text or personal data.
 */
export type LogFields = Record<string, unknown>;

export interface LocalLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(component: string): LocalLogger;
}

export function createLogger(component: string, quiet = false): LocalLogger {
  const write = (level: 'INFO' | 'WARN' | 'ERROR', message: string, fields?: LogFields) => {
    if (quiet) return;
    const line = JSON.stringify({ level, component, message, ...fields, timestamp: new Date().toISOString() });
    (level === 'INFO' ? process.stdout : process.stderr).write(`${line}\n`);
  };
  return {
    info: (message, fields) => write('INFO', message, fields),
    warn: (message, fields) => write('WARN', message, fields),
    error: (message, fields) => write('ERROR', message, fields),
    child: (name) => createLogger(`${component}:${name}`, quiet),
  };
}

/** An error's name and message only: stacks stay out of routing logs (the dead-letter file keeps them). */
export function describeError(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}
