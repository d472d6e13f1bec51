import Dispatch

/// `items.map(transform)`, spread over the machine's cores: files of a model
/// are parsed side by side, rules run side by side. The order of the results
/// is the order of the items, so output does not depend on scheduling.
public func parallelMap<Element: Sendable, Mapped>(_ items: [Element], _ transform: (Element) -> Mapped) -> [Mapped] {
  guard items.count > 1 else { return items.map(transform) }
  return [Mapped](unsafeUninitializedCapacity: items.count) { buffer, initialized in
    let results = UncheckedBuffer(base: buffer.baseAddress!)
    withoutActuallyEscaping(transform) { transform in
      let work = UncheckedClosure(transform)
      DispatchQueue.concurrentPerform(iterations: items.count) { index in
        // Each index is written by exactly one iteration.
        (results.base + index).initialize(to: work.body(items[index]))
      }
    }
    initialized = items.count
  }
}

private struct UncheckedBuffer<Value>: @unchecked Sendable {
  let base: UnsafeMutablePointer<Value>
}

private struct UncheckedClosure<Element, Mapped>: @unchecked Sendable {
  let body: (Element) -> Mapped
  init(_ body: @escaping (Element) -> Mapped) { self.body = body }
}
