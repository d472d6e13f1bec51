/// The files `orglint init` writes: a configuration that shows every key
/// with its default, and a small organisation that passes every built-in rule.
enum StarterFiles {
  static func configuration(language: String) -> String {
    """
    # orglint configuration. orglint reads the .orglint.yml in the folder it
    # runs in or the nearest folder above; `orglint check --config FILE`
    # reads another, --no-config none. Command-line flags override this file.
    # Paths are relative to this file's folder.
    orglint: 1

    # Language of the messages: sv or en.
    lang: \(language)

    # Lowest severity that fails the check (exit status 1): error, warning,
    # info or never.
    fail_on: error

    # Folders of your own rule files (see docs/rule-language.md), and
    # whether the built-in rules run beside them.
    rule_folders: []
    default_rules: true

    # Per rule: off, on, a severity (error, warning, info), or
    #   rule-id: { enabled: true, severity: warning, options: { name: value } }
    # `orglint rules` lists the rules; `orglint rules ID` explains one and
    # shows its options.
    rules:
      span-of-control: { options: { max_children: 12 } }
      headcount-sum: { options: { tolerance: 0 } }
      # similar-sibling-names: off

    # Files that directory checks leave out, as in .gitignore: `drafts/`
    # (any folder named drafts), `archive/**`, `*.draft.yaml`.
    ignore: []

    # Findings accepted for now: `orglint check --write-baseline FILE`
    # records today's, and then only new ones are reported.
    # baseline: orglint-baseline.json

    """
  }

  static let organisation = """
    orglint: 1
    # An example organisation written by `orglint init`; replace it with yours.
    # Every unit has an id (never changes), a name and a kind; `units:` nests
    # units under their parent (or a unit names it with `parent: ID`). A
    # headcount counts everyone in the unit and below it: direct_headcount
    # plus the headcounts of its units. docs/organisation-format.md has it all.
    organisation:
      id: region-exempel
      name: Region Exempel
      as_of: 2026-01-01
      root: regionstyrelsen

    units:
      - id: regionstyrelsen
        name: Regionstyrelsen
        kind: styrelse
        headcount: 1270
        units:
          - id: regiondirektor
            name: Regiondirektören
            kind: ledning
            manager: Regiondirektör
            headcount: 1270
            direct_headcount: 2
            units:
              - id: regionstab
                name: Regionstab
                kind: stab
                headcount: 48
                units:
                  - id: bestallarenhet-service
                    name: Beställarenhet service
                    kind: funktion
                    roles: [beställare]
                    headcount: 8
                  - id: ekonomi
                    name: Ekonomi
                    kind: funktion
                    headcount: 40

              - id: div-nara
                name: Division Nära
                kind: division
                headcount: 1100
                units:
                  - id: vo-primarvard
                    name: VO primärvård
                    kind: vo
                    headcount: 700
                  - id: vo-tandvard
                    name: VO tandvård
                    kind: vo
                    headcount: 400

              - id: div-service
                name: Division Service
                kind: division
                headcount: 120
                units:
                  - id: vo-regionservice
                    name: VO regionservice
                    kind: vo
                    roles: [utförare]
                    headcount: 120
                    relations:
                      beställare: [bestallarenhet-service]

    """
}
