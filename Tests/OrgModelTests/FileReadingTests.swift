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

  /// A directory model is every `*.yaml`/`*.yml` file below the folder, in
  /// byte order: hidden files count, hidden folders, other files, FIFOs and
  /// linked folders do not; a linked file counts, even a dangling link
  /// (which then fails to read, loudly).
  @Test func aFolderListsItsYAMLFilesInByteOrder() throws {
    let manager = FileManager.default
    for file in ["b.yaml", "a/z.yml", "a/b.yaml", "A.yaml", ".top.yaml", "ä.yaml", "notes.txt", ".hidden/x.yaml"]
      + ["a/.git/config.yaml", "deep/er/still.yml"]
    {
      let path = folder + "/" + file
      try manager.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try "units: []\n".write(toFile: path, atomically: true, encoding: .utf8)
    }
    #expect(mkfifo(folder + "/fifo.yaml", 0o600) == 0)
    try manager.createSymbolicLink(atPath: folder + "/linked.yaml", withDestinationPath: "b.yaml")
    try manager.createSymbolicLink(atPath: folder + "/gone.yaml", withDestinationPath: "nowhere.yaml")
    try manager.createSymbolicLink(atPath: folder + "/folder-link.yaml", withDestinationPath: "a")
    try manager.createSymbolicLink(atPath: folder + "/a/loop", withDestinationPath: "..")
    #expect(
      ModelLoader.yamlFiles(below: URL(fileURLWithPath: folder)) == [
        ".top.yaml", "A.yaml", "a/b.yaml", "a/z.yml", "b.yaml", "deep/er/still.yml", "gone.yaml", "linked.yaml",
        "ä.yaml",
      ])
    #expect(ModelLoader.files(inDirectory: folder + "/a") == [folder + "/a/b.yaml", folder + "/a/z.yml"])
  }
}
