import OrgYAML
import Testing

/// A pipelined cursor (libyaml on a thread of its own, events handed over in
/// batches) must show exactly the events a direct one shows, end where it
/// ends and fail where it fails.
struct EventPipeTests {
  /// Every event of `text` as one line, and the error that ended the stream.
  func events(_ text: String, pipelined: Bool, stopAfter limit: Int = .max) -> (events: [String], error: String?) {
    EventReader.withCursor(Array(text.utf8), pipelined: pipelined) { (cursor: consuming YAMLEventCursor) in
      var seen: [String] = []
      do throws(EventReaderError) {
        while seen.count < limit, try cursor.next() {
          let texts = [cursor.value, cursor.anchor, cursor.tag].map { String(decoding: $0, as: UTF8.self) }
          seen.append("\(cursor.kind) \(cursor.line):\(cursor.column) \(cursor.isPlain) \(texts)")
        }
      } catch {
        return (seen, "\(error.line):\(error.column) \(error.message)")
      }
      return (seen, nil)
    }
  }

  /// Enough units for several batches, with anchors, tags and scalars
  /// longer than a batch's first buffer.
  static let large: String = {
    var text = "units:\n"
    for index in 0..<9_000 {
      text += "  - {id: u\(index), name: \"Enhet \(index) \(String(repeating: "å", count: index % 300))\", kind: k}\n"
    }
    return text + "extra: &a !!str value\nalias: *a\nlong: \(String(repeating: "x", count: 3 << 20))\n"
  }()

  @Test(arguments: [
    large,
    large + "broken: [\n",  // a syntax error in a late batch
    "",
    "just a scalar",
    "a: b\n---\nc: d\n",
  ])
  func pipelinedEventsAreTheDirectEvents(_ text: String) {
    let direct = events(text, pipelined: false)
    let pipelined = events(text, pipelined: true)
    #expect(pipelined.events.count == direct.events.count)
    #expect(pipelined.events == direct.events)
    #expect(pipelined.error == direct.error)
  }

  @Test func theLargeInputFillsSeveralBatches() {
    // More events than the ring of eight batches of 4,096 holds.
    #expect(events(Self.large, pipelined: false).events.count > 8 * 4_096)
  }

  /// A cursor that has ended, or failed, stays where it is: asking again
  /// neither hangs nor shows an event.
  @Test(arguments: [false, true])
  func aSpentCursorStaysAtItsEnd(pipelined: Bool) {
    for text in ["a: b\n", "a: [b\n"] {
      EventReader.withCursor(Array(text.utf8), pipelined: pipelined) { (cursor: consuming YAMLEventCursor) in
        var ended = 0
        for _ in 0..<20 {
          do throws(EventReaderError) {
            if try !cursor.next() { ended += 1 }
          } catch {
            ended += 1
          }
        }
        #expect(ended > 10, "\(text)")
      }
    }
  }

  @Test func aReaderThatStopsEarlyLeavesNoThreadBehind() {
    // Each call stops its parsing thread and waits for it before returning.
    for limit in [0, 1, 5_000, 40_000] {
      #expect(events(Self.large, pipelined: true, stopAfter: limit).events.count == limit)
    }
  }
}
