#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file that cannot be read at all.
public struct FileError: Error, Sendable {
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
}

/// The file system as orglint sees it, through plain POSIX calls: what a
/// path is, a file's bytes, the YAML files below a folder, and the parts of
/// a path. No Foundation, so that the binary stays small and starts fast.
public enum Files {
  /// A folder, or anything else a path can name (a file, a device, a pipe).
  public enum Kind: Sendable {
    case file, folder
  }

  /// What `path` names (through symbolic links), or nil when nothing is there.
  public static func kind(of path: String) -> Kind? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return status.st_mode & S_IFMT == S_IFDIR ? .folder : .file
  }

  /// The folder part of `path` ("a/b.yaml" → "a", "b.yaml" → "", "/x" → "/").
  public static func folder(of path: String) -> String {
    let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
  }

  /// The last part of `path` ("a/b.yaml" → "b.yaml", "rules/" → "rules").
  public static func name(of path: String) -> String {
    let parts = path.split(separator: "/")
    return parts.last.map(String.init) ?? path
  }

  /// A path below a folder, as the user would write it ("dir/x.yaml", not
  /// "./dir/x.yaml").
  public static func join(_ directory: String, _ relative: String) -> String {
    if directory == "." || directory == "./" || directory.isEmpty { return relative }
    return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
  }

  /// The bytes of a file; a missing or unreadable file is a `FileError`.
  public static func read(_ path: String) throws(FileError) -> [UInt8] {
    var status = stat()
    guard stat(path, &status) == 0 else {
      let missing = errno == ENOENT || errno == ENOTDIR
      throw missing ? FileError(path: path, message: "no such file or directory") : unreadable(path)
    }
    guard status.st_mode & S_IFMT != S_IFDIR else { throw FileError(path: path, message: "is a directory") }
    guard let bytes = readWhole(path) else { throw unreadable(path) }
    return bytes
  }

  /// The bytes of a file, read into the array itself (through `Data`, a
  /// large file would be copied once more) and to its end, whatever its
  /// size said: a pipe, or a file that grows, is read whole.
  private static func readWhole(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    let expected = fstat(descriptor, &status) == 0 ? max(0, Int(status.st_size)) : 0
    var failed = false
    var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
      while count < expected {
        let got = readBytes(descriptor, buffer.baseAddress! + count, expected - count)
        if got < 0 && errno == EINTR { continue }
        if got <= 0 {
          failed = got < 0
          break
        }
        count += got
      }
    }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while !failed {
      let got = chunk.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress!, $0.count) }
      if got < 0 && errno == EINTR { continue }
      if got <= 0 {
        failed = got < 0
        break
      }
      bytes.append(contentsOf: chunk[..<got])
    }
    return failed ? nil : bytes
  }

  /// Writes `text` to `path` whole or not at all: into a temporary file
  /// beside it, renamed into place, so that a reader never sees half a file.
  /// Through a symbolic link the file it names is replaced, not the link; a
  /// replaced file keeps its permissions. A device or a pipe (/dev/null,
  /// /dev/stdout, a FIFO) is written to as it is: renaming over it would
  /// replace it. The error's message is the system's (strerror).
  public static func write(_ text: String, to path: String) throws(FileError) {
    var status = stat()
    let exists = stat(path, &status) == 0
    let type = status.st_mode & S_IFMT
    if exists && type == S_IFDIR { throw FileError(path: path, message: "is a directory") }
    if exists && type != S_IFREG {
      let descriptor = open(path, O_WRONLY)
      guard descriptor >= 0 else { throw systemError(path) }
      guard write(text, descriptor: descriptor), close(descriptor) == 0 else { throw systemError(path) }
      return
    }
    let target = exists ? resolvedPath(path) : path
    let prefix = join(folder(of: target), "." + name(of: target) + ".orglint-")
    // Created as any new file is (0666 less the umask); a replaced file
    // then gets its own permissions back.
    var temporary: String
    var descriptor: Int32
    repeat {
      temporary = prefix + String(UInt32.random(in: .min ... .max), radix: 36)
      descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o666)
    } while descriptor < 0 && errno == EEXIST
    guard descriptor >= 0 else { throw systemError(path) }
    let written = (!exists || fchmod(descriptor, status.st_mode & 0o7777) == 0) && write(text, descriptor: descriptor)
    guard close(descriptor) == 0 && written && rename(temporary, target) == 0 else {
      let error = systemError(path)
      unlink(temporary)
      throw error
    }
  }

  public static let standardOutput: Int32 = 1
  public static let standardError: Int32 = 2

  /// Whether `descriptor` is a terminal (colour is for people, not files).
  public static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

  /// Writes all of `text` to an open descriptor (standard output, a file);
  /// false when the system refuses part of it.
  @discardableResult
  public static func write(_ text: String, descriptor: Int32) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let done = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if done < 0 && errno == EINTR { continue }
        guard done > 0 else { return false }
        offset += done
      }
      return true
    }
  }

  /// The file a path names once every symbolic link on the way is followed.
  private static func resolvedPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The last system call's failure, in the system's words, at `path`.
  private static func systemError(_ path: String) -> FileError {
    FileError(path: path, message: String(cString: strerror(errno)))
  }

  /// A path the last system call could not read, and why.
  private static func unreadable(_ path: String) -> FileError {
    FileError(path: path, message: "cannot be read (\(String(cString: strerror(errno))))")
  }

  /// Relative paths of the YAML files below a folder, sorted; folders whose
  /// name starts with a dot are skipped. A folder that cannot be opened is
  /// an error, not a gap: its files would be missing from the model, and
  /// its units' children would be reported as orphans.
  public static func yamlFiles(below root: String) throws(FileError) -> [String] {
    var files: [String] = []
    try collectYAMLFiles(in: root, relativePath: "", into: &files)
    return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// One folder's YAML files and, depth first, its folders'. (Foundation's
  /// resource values, used before, read /etc/passwd and /etc/group once per
  /// file to name its owner and group.)
  private static func collectYAMLFiles(in folder: String, relativePath: String, into files: inout [String])
    throws(FileError)
  {
    guard let directory = opendir(folder) else {
      throw unreadable(folder)
    }
    defer { closedir(directory) }
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) {
        String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
      }
      guard name != ".", name != ".." else { continue }
      let path = prefix + name
      let relative = relativePath.isEmpty ? name : relativePath + "/" + name
      var status = stat()
      guard lstat(path, &status) == 0 else {
        // Gone since the folder was listed: nothing to read. Anything else
        // (a folder that may be listed but not entered, a path too long)
        // would leave the file out unseen.
        if errno == ENOENT { continue }
        throw unreadable(path)
      }
      let isYAML = name.hasSuffix(".yaml") || name.hasSuffix(".yml")
      switch status.st_mode & S_IFMT {
      case S_IFDIR:
        if !name.hasPrefix(".") { try collectYAMLFiles(in: path, relativePath: relative, into: &files) }
      case S_IFREG:
        if isYAML { files.append(relative) }
      case S_IFLNK:
        // A file reached through a symbolic link counts (a dangling one then
        // fails to read, loudly); linked folders are not entered, so a link
        // loop cannot trap the walk.
        var target = stat()
        let isFolder = stat(path, &target) == 0 && target.st_mode & S_IFMT == S_IFDIR
        if isYAML && !isFolder { files.append(relative) }
      default:
        continue
      }
    }
  }
}

/// read(2) and write(2), under names that `Files.read` and `Files.write` do
/// not shadow.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, buffer, count)
}
