internal import CLibYAML

/// The one file that talks to libyaml. C pointers never leave it: every event
/// is handed to the caller as a value whose byte views live only for the
/// duration of the callback.
struct YAMLEvent: ~Copyable {
  enum Kind { case documentStart, documentEnd, alias, scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd }

  var kind: Kind
  /// 0-based line and column (Unicode scalars), as libyaml marks them.
  var line: Int
  var column: Int
  var anchor: UnsafeBufferPointer<UInt8>
  var tag: UnsafeBufferPointer<UInt8>
  var value: UnsafeBufferPointer<UInt8>
  /// True for a scalar written without quotes or block indicators.
  var isPlain: Bool
}

/// Why libyaml refused the bytes, located with 0-based marks.
struct EventReaderError: Error {
  var message: String
  var line: Int
  var column: Int
}

enum EventReader {
  /// Streams the events of `bytes` to `handle`. Stops at the first syntax error.
  static func read(
    _ bytes: [UInt8], handle: (borrowing YAMLEvent) throws(EventReaderError) -> Void
  ) throws(EventReaderError) {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) == 1 else {
      throw EventReaderError(message: "could not initialise the YAML parser", line: 0, column: 0)
    }
    defer { yaml_parser_delete(parser) }

    try bytes.withUnsafeBufferPointer { (buffer) throws(EventReaderError) in
      // An empty input still needs a valid pointer for libyaml.
      var empty: UInt8 = 0
      try withUnsafePointer(to: &empty) { (emptyPointer) throws(EventReaderError) in
        yaml_parser_set_input_string(parser, buffer.baseAddress ?? emptyPointer, buffer.count)
        var event = yaml_event_t()
        while true {
          guard yaml_parser_parse(parser, &event) == 1 else {
            throw makeError(parser.pointee, bytes: buffer)
          }
          defer { yaml_event_delete(&event) }
          if event.type == YAML_STREAM_END_EVENT { return }
          if let converted = convert(event) {
            try handle(converted)
          }
        }
      }
    }
  }

  private static func convert(_ event: yaml_event_t) -> YAMLEvent? {
    let line = Int(event.start_mark.line)
    let column = Int(event.start_mark.column)
    let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> UnsafeBufferPointer<UInt8> {
      guard let pointer else { return none }
      return UnsafeBufferPointer(start: pointer, count: strlen(pointer))
    }
    switch event.type {
    case YAML_DOCUMENT_START_EVENT:
      return YAMLEvent(
        kind: .documentStart, line: line, column: column, anchor: none, tag: none, value: none,
        isPlain: false)
    case YAML_DOCUMENT_END_EVENT:
      return YAMLEvent(
        kind: .documentEnd, line: line, column: column, anchor: none, tag: none, value: none,
        isPlain: false)
    case YAML_ALIAS_EVENT:
      return YAMLEvent(
        kind: .alias, line: line, column: column, anchor: text(event.data.alias.anchor), tag: none,
        value: none, isPlain: false)
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      return YAMLEvent(
        kind: .scalar, line: line, column: column, anchor: text(scalar.anchor), tag: text(scalar.tag),
        value: UnsafeBufferPointer(start: scalar.value, count: scalar.length),
        isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE)
    case YAML_SEQUENCE_START_EVENT:
      return YAMLEvent(
        kind: .sequenceStart, line: line, column: column,
        anchor: text(event.data.sequence_start.anchor), tag: text(event.data.sequence_start.tag),
        value: none, isPlain: false)
    case YAML_SEQUENCE_END_EVENT:
      return YAMLEvent(
        kind: .sequenceEnd, line: line, column: column, anchor: none, tag: none, value: none,
        isPlain: false)
    case YAML_MAPPING_START_EVENT:
      return YAMLEvent(
        kind: .mappingStart, line: line, column: column,
        anchor: text(event.data.mapping_start.anchor), tag: text(event.data.mapping_start.tag),
        value: none, isPlain: false)
    case YAML_MAPPING_END_EVENT:
      return YAMLEvent(
        kind: .mappingEnd, line: line, column: column, anchor: none, tag: none, value: none,
        isPlain: false)
    default:
      return nil  // stream start, no event
    }
  }

  private static func makeError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>)
    -> EventReaderError
  {
    var message = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
    if let context = parser.context {
      message += " " + String(cString: context)
    }
    if parser.error == YAML_READER_ERROR {
      // A reader error (bad encoding) has a byte offset but no useful mark.
      let (line, column) = lineAndColumn(ofByte: parser.problem_offset, in: bytes)
      return EventReaderError(message: message, line: line, column: column)
    }
    return EventReaderError(
      message: message, line: Int(parser.problem_mark.line), column: Int(parser.problem_mark.column))
  }

  /// 0-based line and column (counting UTF-8 lead bytes) of a byte offset.
  private static func lineAndColumn(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (
    Int, Int
  ) {
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
