/**
 * The headers every response carries, on the main port and on the public edge
 * (server/src/public/public-edge.ts).
 */
import type { RequestHandler } from 'express'

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'same-origin')
  res.setHeader('X-Frame-Options', 'DENY')
  next()
}
