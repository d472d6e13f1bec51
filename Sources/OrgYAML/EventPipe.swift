import Dispatch
import OrgDiagnostics
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs libyaml on a thread of its own and hands its events over in batches,
/// so that one large file is parsed on one core while its reader builds
/// units on another. The reader sees a `YAMLEventCursor` as ever.
///
/// A fixed ring of batches bounds the memory (a few megabytes, however large
/// the file); two semaphores pass each batch from the parsing thread to the
/// reader and back. A reader that stops early tells the parsing thread,
/// which stops at its next batch, and waits for it, so the input it reads
/// in place outlives it.
final class EventPipe: @unchecked Sendable {
  private static let ringSize = 8
  private let ring = (0..<EventPipe.ringSize).map { _ in EventBatch() }
  private let filled = DispatchSemaphore(value: 0)
  /// Starts at zero and is signalled once per batch: libdispatch traps when a
  /// semaphore is freed below the value it was created with.
  private let emptied = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)
  private let stopped = Atomic<Bool>(false)

  // The reader's side: the batch it reads and its place in it.
  private var slot = 0
  private var current: EventBatch?
  private var position = 0

  /// Starts parsing `input` on a new thread; `input` must stay valid until
  /// `stop()`. Nil when the system has no thread to give: the caller then
  /// parses on its own thread.
  init?(input: UnsafeBufferPointer<UInt8>) {
    for _ in ring { emptied.signal() }
    // The reader waits for the thread in `stop()` before the input goes.
    let bytes = UncheckedSendable(input)
    guard startThread(stackSize: 1 << 20, { [self] in self.produce(bytes.value) }) else { return nil }
  }

  /// The parsing thread: fills the ring's batches in turn until the stream ends,
  /// fails, or the reader stops.
  private func produce(_ input: UnsafeBufferPointer<UInt8>) {
    var events = YAMLEventCursor(input: input)
    var slot = 0
    // Small batches first, so that the reader starts at once; full ones
    // once it runs, so that the threads seldom wait for each other.
    var batchSize = EventBatch.firstSize
    while true {
      emptied.wait()
      if stopped.load(ordering: .relaxed) { break }
      let batch = ring[slot]
      batch.fill(from: &events, upTo: batchSize)
      batchSize = min(2 * batchSize, EventBatch.capacity)
      filled.signal()
      if batch.isLast { break }
      slot = (slot + 1) % Self.ringSize
    }
    finished.signal()
  }

  /// Moves `cursor` to the next event (see `YAMLEventCursor.next()`).
  func next(_ cursor: inout YAMLEventCursor) throws(EventReaderError) -> Bool {
    while true {
      if let batch = current {
        if position < batch.count {
          batch.load(position, into: &cursor)
          position += 1
          return true
        }
        if batch.isLast {
          if let error = batch.error { throw error }
          return false
        }
        emptied.signal()
      }
      filled.wait()
      current = ring[slot]
      slot = (slot + 1) % Self.ringSize
      position = 0
    }
  }

  /// Stops the parsing thread and waits for it to leave the input.
  func stop() {
    stopped.store(true, ordering: .relaxed)
    emptied.signal()
    finished.wait()
  }
}

/// Runs `body` on a new detached thread: a plain POSIX thread, so that the
/// binary needs no Foundation (`Thread`), whose size and start-up cost weigh
/// on every run. False when no thread could be started.
private func startThread(stackSize: Int, _ body: @escaping @Sendable () -> Void) -> Bool {
  var attributes = pthread_attr_t()
  pthread_attr_init(&attributes)
  defer { pthread_attr_destroy(&attributes) }
  pthread_attr_setstacksize(&attributes, stackSize)
  pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
  let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
  #if canImport(Darwin)
    var thread: pthread_t?
  #else
    var thread = pthread_t()
  #endif
  let started = pthread_create(
    &thread, &attributes,
    { context in
      ThreadBody.run(context)
      return nil
    }, context)
  if started != 0 { Unmanaged<ThreadBody>.fromOpaque(context).release() }
  return started == 0
}

/// What a thread started by `startThread` runs, passed to it as its context.
private final class ThreadBody {
  let run: @Sendable () -> Void
  init(_ run: @escaping @Sendable () -> Void) { self.run = run }

  /// The thread's start: takes the body back from its context and runs it.
  /// (The context is optional on Linux and not on Darwin; this takes both.)
  static func run(_ context: UnsafeMutableRawPointer?) {
    Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().run()
  }
}

/// Events copied out of libyaml: a record per event, the bytes of scalars,
/// anchors and tags side by side in one buffer.
private final class EventBatch {
  static let capacity = 4_096
  static let firstSize = 256

  struct Span {
    var start: UInt32
    var count: UInt32
  }

  struct Record {
    var kind: YAMLEventCursor.Kind
    var isPlain: Bool
    var line: UInt32
    var column: UInt32
    var value: Span
    var anchor: Span
    var tag: Span
  }

  private let records = UnsafeMutableBufferPointer<Record>.allocate(capacity: EventBatch.capacity)
  private var bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
  private var used = 0
  private(set) var count = 0
  /// The stream ended (or failed) in this batch.
  private(set) var isLast = false
  private(set) var error: EventReaderError?

  deinit {
    records.deallocate()
    bytes.deallocate()
  }

  func fill(from events: inout YAMLEventCursor, upTo limit: Int) {
    (count, used) = (0, 0)
    do {
      while count < limit {
        guard try events.next() else {
          isLast = true
          return
        }
        records[count] = Record(
          kind: events.kind, isPlain: events.isPlain, line: UInt32(events.line), column: UInt32(events.column),
          value: keep(events.value), anchor: keep(events.anchor), tag: keep(events.tag))
        count += 1
      }
    } catch {
      self.error = error
      isLast = true
    }
  }

  func load(_ index: Int, into cursor: inout YAMLEventCursor) {
    let record = records[index]
    cursor.load(
      kind: record.kind, line: Int(record.line), column: Int(record.column), value: view(record.value),
      anchor: view(record.anchor), tag: view(record.tag), isPlain: record.isPlain)
  }

  private func keep(_ text: UnsafeBufferPointer<UInt8>) -> Span {
    guard text.count > 0 else { return Span(start: 0, count: 0) }
    if used + text.count > bytes.count {
      let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(2 * bytes.count, used + text.count))
      _ = larger.initialize(from: bytes[..<used])
      bytes.deallocate()
      bytes = larger
    }
    (bytes.baseAddress! + used).update(from: text.baseAddress!, count: text.count)
    defer { used += text.count }
    return Span(start: UInt32(used), count: UInt32(text.count))
  }

  private func view(_ span: Span) -> UnsafeBufferPointer<UInt8> {
    guard span.count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(rebasing: bytes[Int(span.start)..<Int(span.start + span.count)])
  }
}
