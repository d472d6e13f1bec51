// libFuzzer entry point; build and run with `make fuzz`.
import OrgFuzzing

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzInputs.expression(Array(UnsafeBufferPointer(start: data, count: size)))
  return 0
}
