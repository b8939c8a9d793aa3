// The baseline of cold start and memory: a bare HTTP server (node:http) run by tsx, as the app
// is, answering "ok" on PORT (127.0.0.1).
import { createServer } from 'node:http'

const server = createServer((_, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' })
  response.end('ok')
})
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1')
process.on('SIGTERM', () => server.close(() => process.exit(0)))
