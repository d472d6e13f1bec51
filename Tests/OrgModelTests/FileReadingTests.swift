import Foundation
import OrgModel
import Testing

/// `ModelLoader.read` reads a file into the array itself: whole, however
/// its size compares with what was read, and with the errors users see.
final class FileReadingTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reading-\(UUID().uuidString)").path

  init() throws { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }

  deinit { try? FileManager.default.removeItem(atPath: folder) }

  @Test func aFileIsReadWhole() throws {
    let text = String(repeating: "units: []\n", count: 30_000)  // larger than one read chunk
    let path = folder + "/big.yaml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try ModelLoader.read(path) == Array(text.utf8))
    try "".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try ModelLoader.read(path) == [])
  }

  @Test func aPipeIsReadToItsEnd() throws {
    let path = folder + "/pipe.yaml"
    #expect(mkfifo(path, 0o600) == 0)
    let text = Array(String(repeating: "- x\n", count: 50_000).utf8)
    let writer = Thread {
      guard let handle = FileHandle(forWritingAtPath: path) else { return }
      handle.write(Data(text))
      try? handle.close()
    }
    writer.start()
    #expect(try ModelLoader.read(path) == text)
  }

  @Test func missingFilesAndFoldersSayWhy() {
    #expect(throws: FileError.self) { try ModelLoader.read(folder + "/none.yaml") }
    do {
      _ = try ModelLoader.read(folder)
      Issue.record("a folder was read")
    } catch {
      #expect(error.message == "is a directory")
    }
  }
}
