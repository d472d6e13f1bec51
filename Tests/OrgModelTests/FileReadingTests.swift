import Foundation
import OrgModel
import Testing

/// `Files.read` reads a file into the array itself: whole, however
/// its size compares with what was read, and with the errors users see.
final class FileReadingTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reading-\(UUID().uuidString)").path

  init() throws { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }

  deinit { try? FileManager.default.removeItem(atPath: folder) }

  @Test func aFileIsReadWhole() throws {
    let text = String(repeating: "units: []\n", count: 30_000)  // larger than one read chunk
    let path = folder + "/big.yaml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try Files.read(path) == Array(text.utf8))
    try "".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try Files.read(path) == [])
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
    #expect(try Files.read(path) == text)
  }

  @Test func missingFilesAndFoldersSayWhy() {
    #expect(throws: FileError.self) { try Files.read(folder + "/none.yaml") }
    do {
      _ = try Files.read(folder)
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
      try Files.yamlFiles(below: folder) == [
        ".top.yaml", "A.yaml", "a/b.yaml", "a/z.yml", "b.yaml", "deep/er/still.yml", "gone.yaml", "linked.yaml",
        "ä.yaml",
      ])
    #expect(try ModelLoader.files(inDirectory: folder + "/a") == [folder + "/a/b.yaml", folder + "/a/z.yml"])
  }

  @Test func aFolderThatCannotBeEnteredStopsTheWalk() throws {
    // The tests may run as root, who may open any folder; a path longer
    // than the system takes stands for one that cannot be read. The file
    // at the bottom must not drop out of the model unseen.
    let name = String(repeating: "d", count: 200)
    var chain = [open(folder, O_RDONLY | O_DIRECTORY)]
    for _ in 0..<25 {
      #expect(mkdirat(chain.last!, name, 0o755) == 0)
      chain.append(openat(chain.last!, name, O_RDONLY | O_DIRECTORY))
    }
    let file = openat(chain.last!, "deep.yaml", O_WRONLY | O_CREAT, 0o644)
    #expect(file >= 0)
    close(file)
    defer {
      // Taken down from the bottom through the descriptors: the paths are too long to name.
      unlinkat(chain.last!, "deep.yaml", 0)
      for level in stride(from: chain.count - 1, to: 0, by: -1) {
        close(chain[level])
        unlinkat(chain[level - 1], name, AT_REMOVEDIR)
      }
      close(chain[0])
    }
    do {
      _ = try Files.yamlFiles(below: folder)
      Issue.record("the walk passed over a folder it could not read")
    } catch {
      #expect(error.message == "cannot be read (File name too long)")
      #expect(error.path.hasPrefix(folder + "/" + name + "/"))
    }
  }
}

/// `Files.write` writes whole or not at all, keeps what it replaces as the
/// user set it up, and says in the system's words why it could not.
final class FileWritingTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("writing-\(UUID().uuidString)").path

  init() throws { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }

  deinit { try? FileManager.default.removeItem(atPath: folder) }

  private func mode(_ path: String) throws -> Int {
    try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
  }

  private var leftovers: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".orglint-") }
  }

  @Test func aNewFileHasTheUsualPermissionsAndNoTemporaryFileStays() throws {
    let path = folder + "/report.json"
    // The umask, read without changing it for long (other tests write files).
    let mask = umask(0o022)
    umask(mask)
    try Files.write("{}\n", to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "{}\n")
    #expect(try mode(path) == 0o666 & ~Int(mask))
    #expect(leftovers.isEmpty)
  }

  @Test func aReplacedFileKeepsItsPermissions() throws {
    let path = folder + "/baseline.json"
    try "old".write(toFile: path, atomically: false, encoding: .utf8)
    #expect(chmod(path, 0o600) == 0)
    try Files.write("new", to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    #expect(try mode(path) == 0o600)
  }

  @Test func aFileInABareNameIsWrittenInTheWorkingFolder() throws {
    let previous = FileManager.default.currentDirectoryPath
    #expect(FileManager.default.changeCurrentDirectoryPath(folder))
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    try Files.write("x", to: "bare.txt")
    #expect(try String(contentsOfFile: folder + "/bare.txt", encoding: .utf8) == "x")
  }

  @Test func failuresSayWhyAndLeaveNothingBehind() throws {
    do {
      try Files.write("x", to: folder + "/no/such/folder/report.json")
      Issue.record("a file was written into a missing folder")
    } catch {
      #expect(error.message == "No such file or directory")
    }
    do {
      try Files.write("x", to: folder)
      Issue.record("a folder was written over")
    } catch {
      #expect(error.message == "is a directory")
    }
    #expect(leftovers.isEmpty)
  }

  @Test func theTextGoesToADescriptorWhole() throws {
    let path = folder + "/out.txt"
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    #expect(descriptor >= 0)
    let text = String(repeating: "räkna ", count: 100_000)
    #expect(Files.write(text, descriptor: descriptor))
    close(descriptor)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    #expect(!Files.write("x", descriptor: -1))
  }

  @Test func pathsAreTakenApartAsTheUserWroteThem() {
    #expect(Files.folder(of: "a/b.yaml") == "a")
    #expect(Files.folder(of: "a/b/") == "a")
    #expect(Files.folder(of: "b.yaml") == "")
    #expect(Files.folder(of: "/x") == "/")
    #expect(Files.folder(of: "/") == "/")
    #expect(Files.name(of: "a/b.yaml") == "b.yaml")
    #expect(Files.name(of: "rules/") == "rules")
    #expect(Files.name(of: "b.yaml") == "b.yaml")
    #expect(Files.kind(of: folder) == .folder)
    #expect(Files.kind(of: folder + "/none") == nil)
    #expect(Files.kind(of: "/dev/null") == .file)
  }
}
