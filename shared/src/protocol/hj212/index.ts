/**
 * HJ 212-2017 codec (pure): CRC, frame parse and encode, stream splitting and the mapping onto
 * contract readings. HJ 212-2025 replaces HJ 212-2017 from 2026-01-01; frames carry their version
 * in Flag bits 2-7 (`packet.flag.version`); what depends on the edition is in versions.ts, so the
 * 2025 edition can be added there as data.
 */
export { hj212Crc, formatCrc } from './crc'
export { parseDataTime, formatDataTime, formatQn } from './time'
export { decodeFlag, encodeFlag, HJ212_2017_VERSION, type Hj212Flag } from './flag'
export { HJ212_CN, HJ212_ST, dataKindOf, valueFieldOf, type Hj212DataCn, type Hj212DataKind } from './commands'
export {
  FIELD_PATTERNS,
  HJ212_MAX_DATA_SEGMENT,
  HJ212_DEVIATIONS,
  HJ212_MAX_DECLARABLE_LENGTH,
  NUMERIC_SUFFIXES,
  type Hj212Deviation,
  type Hj212MalformedField,
  type Hj212FactorValues,
  type Hj212Packet,
} from './packet'
export { parseCp, type Hj212Cp } from './cp'
export { parseFrame, HJ212_MAX_FRAME_BYTES } from './parse'
export {
  buildDataAck,
  buildDataUpload,
  encodeDataSegment,
  encodeFrame,
  formatHj212Number,
  frameDataSegment,
  type DataUploadOptions,
  type Hj212FrameFields,
  type IntervalValues,
  type RealtimeValues,
} from './encode'
export {
  FrameSplitter,
  DEFAULT_MAX_FRAME_BYTES,
  type FrameSplitterOptions,
  type Garbage,
  type GarbageReason,
  type SplitResult,
} from './splitter'
export { packetToReadings, metricKeyOf, HJ212_2005_WATER_CODES, HJ212_VENDOR_AIR_NAMES } from './to-readings'
export { acceptPacket, type AcceptStation, type PacketOutcome } from './accept'
export {
  decodeHj212Payload,
  garbageRejectReason,
  parseHj212Payload,
  type Hj212ParsedPayload,
  type Hj212PayloadOutcome,
} from './decode-payload'
export { crcVariantOf, type Hj212CrcVariant } from './crc'
export { HJ212_EDITIONS, editionLabel, editionOf, type Hj212Edition, type Hj212EditionId } from './versions'
export {
  buildExecResult,
  buildGetTime,
  buildHistoryRequest,
  buildRequestAnswer,
  buildSetTime,
  buildTimeUpload,
  EXE_RTN,
  HISTORY_CN,
  HJ212_COMMAND_CN,
  QN_RTN,
  readCommandAnswer,
  readRequest,
  type Hj212Address,
  type Hj212CommandAnswer,
  type Hj212HistoryKind,
  type Hj212Request,
} from './command-frames'
