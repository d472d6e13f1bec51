import Dispatch

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `items.map(transform)`, spread over the machine's cores: files of a model
/// are parsed side by side, rules run side by side. The order of the results
/// is the order of the items, so output does not depend on scheduling.
public func parallelMap<Element: Sendable, Mapped>(_ items: [Element], _ transform: (Element) -> Mapped) -> [Mapped] {
  guard items.count > 1 else { return items.map(transform) }
  return [Mapped](unsafeUninitializedCapacity: items.count) { buffer, initialized in
    let results = UncheckedSendable(buffer.baseAddress!)
    withoutActuallyEscaping(transform) { transform in
      let work = UncheckedSendable(transform)
      DispatchQueue.concurrentPerform(iterations: items.count) { index in
        // Each index is written by exactly one iteration.
        (results.value + index).initialize(to: work.value(items[index]))
      }
    }
    initialized = items.count
  }
}

/// Work begun on another core at once and waited for when its value is
/// needed: the rules compile while the first model is read.
public final class Background<Value>: @unchecked Sendable {
  // Written once by the worker before `done` is signalled, read after.
  private var result: Value?
  private let done = DispatchSemaphore(value: 0)

  public init(_ work: @escaping () -> Value) {
    // The work runs on one other thread; what it captures its creator
    // does not change meanwhile.
    let work = UncheckedSendable(work)
    DispatchQueue.global().async {
      self.result = work.value()
      self.done.signal()
    }
  }

  /// The work's value, once it is done (asked for once).
  public func value() -> Value {
    done.wait()
    return result!
  }
}

/// The cores this process may run on.
package let processorCount = ProcessInfo.processInfo.activeProcessorCount

/// A value passed to other threads that the compiler cannot prove safe to
/// share: a buffer each thread writes at places of its own, a closure run
/// side by side, input one thread reads while its owner waits for it. Each
/// use says why it is safe.
package struct UncheckedSendable<Value>: @unchecked Sendable {
  package let value: Value

  package init(_ value: Value) { self.value = value }
}

/// `0..<count` cut into consecutive ranges for `parallelMap`: a few per
/// core, so that an uneven one does not hold up the rest, and none shorter
/// than `minimumLength`, so that each is worth handing to a thread.
public func slices(of count: Int, minimumLength: Int = 1 << 14) -> [Range<Int>] {
  let wanted = max(1, min(4 * processorCount, count / max(1, minimumLength)))
  let length = (count + wanted - 1) / wanted
  return stride(from: 0, to: count, by: max(1, length)).map { $0..<min($0 + length, count) }
}
