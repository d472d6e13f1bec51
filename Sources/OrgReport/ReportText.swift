import OrgDiagnostics

/// The words of the reports for people (Markdown, HTML, graphs), in Swedish
/// or English. Rule messages come translated from the rules; rule titles and
/// descriptions are written in English only.
public struct ReportText: Sendable {
  public let language: String
  let sv: Bool

  public init(language: String) {
    self.language = language == "sv" ? "sv" : "en"
    sv = self.language == "sv"
  }

  func pick(_ swedish: String, _ english: String) -> String { sv ? swedish : english }

  var reportTitle: String { pick("orglint-rapport", "orglint report") }
  var summary: String { pick("Sammanfattning", "Summary") }
  var perRule: String { pick("Fynd per regel", "Findings per rule") }
  var rule: String { pick("Regel", "Rule") }
  var severity: String { pick("Allvarlighet", "Severity") }
  var findingsHeading: String { pick("Fynd", "Findings") }
  var count: String { pick("Antal", "Count") }
  var unit: String { pick("Enhet", "Unit") }
  var location: String { pick("Plats", "Location") }
  var message: String { pick("Meddelande", "Message") }
  var change: String { pick("Ändring", "Change") }
  var changes: String { pick("Ändringar", "Changes") }
  var chart: String { pick("Organisationsschema", "Organisation chart") }
  var before: String { pick("Före", "Before") }
  var after: String { pick("Efter", "After") }
  var proposal: String { pick("Förslag", "Proposal") }
  var base: String { pick("Utgångsläge", "Base") }
  var effective: String { pick("Gäller från", "Effective") }
  var decision: String { pick("Beslut", "Decision") }
  var headcount: String { pick("Antal medarbetare", "Headcount") }
  var headcountChange: String { pick("Förändring av antal medarbetare", "Headcount change") }
  var total: String { pick("Totalt", "Total") }
  var all: String { pick("Alla", "All") }
  var noFindings: String { pick("Inga fynd", "No findings") }
  var noFindingsForUnit: String { pick("Inga fynd för den här enheten.", "No findings for this unit.") }
  var aboutNoUnit: String { pick("Gäller ingen enskild enhet", "Not about one unit") }
  var notCausedByAChange: String { pick("Inte orsakade av en ändring", "Not caused by a change") }
  var byUnit: String { pick("Fynd per enhet", "Findings by unit") }
  var byChange: String { pick("Fynd per ändring", "Findings by change") }
  var aboutTheRules: String { pick("Om reglerna", "About the rules") }
  var legend: String { pick("Teckenförklaring", "Legend") }
  var noRemarks: String { pick("Inga anmärkningar", "No findings") }
  var branch: String { pick("Gren", "Branch") }
  var showInTable: String { pick("Visa i tabellen", "Show in the table") }
  var clickAUnit: String {
    pick(
      "Välj en enhet i schemat för att se dess fynd.", "Choose a unit in the chart to see its findings.")
  }
  var allDiffEntries: String { pick("Allt som ändras", "Everything that changes") }
  var notApplied: String { pick("kan inte genomföras som den är skriven", "cannot be applied as written") }
  var generatedBy: String { pick("Skapad av orglint", "Made by orglint") }
  var rulesWithoutFindings: String { pick("Regler utan fynd", "Rules without findings") }
  var collapsedBranches: String {
    pick(
      "Stora grenar visas var för sig nedan; en hopfälld gren färgas efter det allvarligaste fyndet i den.",
      "Large branches are drawn one by one below; a folded branch is coloured by the worst finding in it.")
  }
  var showing: String { pick("Visar {shown} av {total} fynd", "Showing {shown} of {total} findings") }
  var checked: String { pick("granskade", "checked") }

  func severityName(_ severity: Severity) -> String {
    switch severity {
    case .error: pick("Fel", "Error")
    case .warning: pick("Varning", "Warning")
    case .info: pick("Info", "Info")
    }
  }

  func severityPlural(_ severity: Severity) -> String {
    switch severity {
    case .error: pick("Fel", "Errors")
    case .warning: pick("Varningar", "Warnings")
    case .info: pick("Info", "Infos")
    }
  }

  /// "8 errors, 2 warnings, 0 infos".
  func counts(_ report: Report) -> String {
    Severity.mostSevereFirst.map { counted(report.count($0), $0) }.joined(separator: ", ")
  }

  func counted(_ count: Int, _ severity: Severity) -> String {
    let word: String
    switch severity {
    case .error: word = pick("fel", count == 1 ? "error" : "errors")
    case .warning: word = pick(count == 1 ? "varning" : "varningar", count == 1 ? "warning" : "warnings")
    case .info: word = pick("info", count == 1 ? "info" : "infos")
    }
    return "\(number(count)) \(word)"
  }

  func files(_ count: Int) -> String {
    "\(number(count)) " + pick(count == 1 ? "fil" : "filer", count == 1 ? "file" : "files")
  }

  func units(_ count: Int) -> String {
    "\(number(count)) " + pick(count == 1 ? "enhet" : "enheter", count == 1 ? "unit" : "units")
  }

  func findings(_ count: Int) -> String {
    "\(number(count)) " + pick("fynd", count == 1 ? "finding" : "findings")
  }

  func people(_ count: Int) -> String { "\(number(count)) " + pick("pers.", "people") }

  func changeNumber(_ index: Int) -> String { pick("Ändring \(index)", "Change \(index)") }

  func mark(_ mark: OrgChart.Mark) -> String {
    switch mark {
    case .added: pick("ny", "new")
    case .merged: pick("sammanslagen", "merged")
    case .split: pick("delad", "split")
    case .removed: pick("upphör", "removed")
    case .moved: pick("flyttad", "moved")
    case .renamed: pick("nytt namn", "renamed")
    }
  }

  func diffHeading(_ kind: String) -> String {
    switch kind {
    case "merged": pick("Sammanslagna", "Merged")
    case "split": pick("Delade", "Split")
    case "added": pick("Tillkommer", "Added")
    case "removed": pick("Upphör", "Removed")
    case "moved": pick("Flyttas", "Moved")
    case "renamed": pick("Byter namn", "Renamed")
    case "repointed": pick("Relationer som pekas om", "Relations repointed")
    case "headcount": pick("Antal medarbetare", "Headcount")
    default: kind
    }
  }

  /// A whole number grouped by thousands: `1 500` (with a no-break space) in
  /// Swedish, `1,500` in English.
  public func number(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { grouped += sv ? "\u{A0}" : "," }
      grouped.append(digit)
    }
    return (value < 0 ? "−" : "") + grouped
  }

  /// A change in a number: `+15`, `−15`, `±0`.
  public func delta(_ value: Int) -> String {
    value > 0 ? "+" + number(value) : value < 0 ? number(value) : "±0"
  }
}
