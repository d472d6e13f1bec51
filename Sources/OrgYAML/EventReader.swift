internal import CLibYAML

/// The one file that talks to libyaml. C pointers never leave it: a cursor
/// shows one event at a time, and the byte views it hands out (`value`,
/// `anchor`, `tag`) live until its next `next()`. A cursor reads libyaml
/// directly, or the events another thread reads (`EventPipe`).
public struct YAMLEventCursor: ~Copyable {
  public enum Kind: Sendable {
    case documentStart, documentEnd, alias, scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd
  }

  /// The current event. Before the first `next()` and after the last it is meaningless.
  public private(set) var kind = Kind.documentStart
  /// 0-based line and column (Unicode scalars), as libyaml marks them.
  public private(set) var line = 0
  public private(set) var column = 0
  /// A scalar's bytes (empty for other events).
  public private(set) var value = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
  /// An anchor's name (`&a`), or the name an alias refers to (`*a`).
  public private(set) var anchor = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
  public private(set) var tag = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
  /// True for a scalar written without quotes or block indicators.
  public private(set) var isPlain = false

  private let parser: UnsafeMutablePointer<yaml_parser_t>
  private let event: UnsafeMutablePointer<yaml_event_t>
  private let input: UnsafeBufferPointer<UInt8>
  private var holdsEvent = false
  private let initialised: Bool
  /// Where the events come from when another thread runs libyaml.
  private let pipe: EventPipe?

  /// A cursor over `input`, which must outlive it (see `EventReader.withCursor`).
  init(input: UnsafeBufferPointer<UInt8>, pipelined: Bool = false) {
    self.input = input
    parser = .allocate(capacity: 1)
    event = .allocate(capacity: 1)
    pipe = pipelined ? EventPipe(input: input) : nil
    initialised = pipe == nil && yaml_parser_initialize(parser) == 1
    if initialised, let start = input.baseAddress {
      yaml_parser_set_input_string(parser, start, input.count)
    }
  }

  deinit {
    pipe?.stop()
    if holdsEvent { yaml_event_delete(event) }
    if initialised { yaml_parser_delete(parser) }
    event.deallocate()
    parser.deallocate()
  }

  /// True for a node written with an anchor (`&a`) or an explicit tag.
  public var isDecorated: Bool { anchor.count > 0 || tag.count > 0 }

  /// Moves to the next event; false at the end of the stream. Throws where
  /// the bytes stop being YAML; the cursor is then spent.
  public mutating func next() throws(EventReaderError) -> Bool {
    if let pipe { return try pipe.next(&self) }
    guard initialised else {
      throw EventReaderError(message: "could not initialise the YAML parser", line: 0, column: 0)
    }
    while true {
      if holdsEvent {
        yaml_event_delete(event)
        holdsEvent = false
      }
      guard yaml_parser_parse(parser, event) == 1 else { throw makeError() }
      holdsEvent = true
      if load(event.pointee) { return true }
      // After the end, or after an error, libyaml hands out empty events:
      // a spent cursor stays at its end rather than asking forever.
      if event.pointee.type == YAML_STREAM_END_EVENT || event.pointee.type == YAML_NO_EVENT { return false }
    }
  }

  /// Takes over the fields of a libyaml event; false for the events no reader
  /// needs (stream start and end).
  private mutating func load(_ event: yaml_event_t) -> Bool {
    line = Int(event.start_mark.line)
    column = Int(event.start_mark.column)
    let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> UnsafeBufferPointer<UInt8> {
      guard let pointer else { return none }
      return UnsafeBufferPointer(start: pointer, count: strlen(pointer))
    }
    (value, anchor, tag, isPlain) = (none, none, none, false)
    switch event.type {
    case YAML_DOCUMENT_START_EVENT: kind = .documentStart
    case YAML_DOCUMENT_END_EVENT: kind = .documentEnd
    case YAML_ALIAS_EVENT:
      kind = .alias
      anchor = text(event.data.alias.anchor)
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      kind = .scalar
      (anchor, tag) = (text(scalar.anchor), text(scalar.tag))
      value = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
      isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE
    case YAML_SEQUENCE_START_EVENT:
      kind = .sequenceStart
      (anchor, tag) = (text(event.data.sequence_start.anchor), text(event.data.sequence_start.tag))
    case YAML_SEQUENCE_END_EVENT: kind = .sequenceEnd
    case YAML_MAPPING_START_EVENT:
      kind = .mappingStart
      (anchor, tag) = (text(event.data.mapping_start.anchor), text(event.data.mapping_start.tag))
    case YAML_MAPPING_END_EVENT: kind = .mappingEnd
    default: return false  // stream start and end, no event
    }
    return true
  }

  /// Takes over an event another cursor read (see `EventPipe`).
  mutating func load(
    kind: Kind, line: Int, column: Int, value: UnsafeBufferPointer<UInt8>, anchor: UnsafeBufferPointer<UInt8>,
    tag: UnsafeBufferPointer<UInt8>, isPlain: Bool
  ) {
    (self.kind, self.line, self.column, self.value, self.anchor, self.tag, self.isPlain) = (
      kind, line, column, value, anchor, tag, isPlain
    )
  }

  private func makeError() -> EventReaderError {
    let parser = parser.pointee
    var message = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
    if let context = parser.context {
      message += " " + String(cString: context)
    }
    if parser.error == YAML_READER_ERROR {
      // A reader error (bad encoding) has a byte offset but no useful mark.
      let (line, column) = Self.lineAndColumn(ofByte: parser.problem_offset, in: input)
      return EventReaderError(message: message, line: line, column: column)
    }
    return EventReaderError(
      message: message, line: Int(parser.problem_mark.line), column: Int(parser.problem_mark.column))
  }

  /// 0-based line and column (counting UTF-8 lead bytes) of a byte offset.
  private static func lineAndColumn(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
    var line = 0
    var column = 0
    for byte in bytes.prefix(offset) {
      if byte == 0x0A {
        line += 1
        column = 0
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }
}

/// Why libyaml refused the bytes, located with 0-based marks.
public struct EventReaderError: Error {
  public var message: String
  public var line: Int
  public var column: Int
}

public enum EventReader {
  /// Runs `body` with a cursor over the events of `bytes`. The cursor cannot
  /// outlive the call: it reads the bytes in place. `pipelined` runs libyaml
  /// on a thread of its own, for a caller with a core to spare.
  public static func withCursor<Result, Failure: Error>(
    _ bytes: [UInt8], pipelined: Bool = false, _ body: (consuming YAMLEventCursor) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    // An empty input still needs a valid pointer for libyaml.
    let storage = bytes.isEmpty ? [0] : bytes
    return try storage.withUnsafeBufferPointer { (buffer) throws(Failure) in
      try body(
        YAMLEventCursor(input: UnsafeBufferPointer(start: buffer.baseAddress, count: bytes.count), pipelined: pipelined)
      )
    }
  }
}
