#pragma once
// The one command-line style of the kb-* programs (kb-server, kb-indexer,
// kb-analyze, kb-search), over CLI11. Part of the kb::cli11 target
// (cmake/Dependencies.cmake), which wraps Debian's header-only CLI11.
//
//   CLI::App cli{"what the program does", "kb-tool"};
//   kb::cli11::use_house_style(cli);
//   cli.add_option("--db", db, "... (required)")->envname("KB_DB");
//   cli.final_callback([&cli] { kb::cli11::require(cli, "--db"); });
//   if (const auto exit_code = kb::cli11::parse(cli, argc, argv)) return *exit_code;
//
// Style: --help / -h prints the generated help on stdout and exits 0; a bad
// command line prints `kb-tool: message` and a pointer to --help on stderr
// and exits 2 (scripts and tests rely on that code). A flag wins over its
// environment variable; an option given twice keeps its last value.
// GCC 12 reports a potential null dereference inside libstdc++'s vector
// growth once CLI::detail::split is inlined into a program (a false
// positive of its middle end; nothing in CLI11 or here dereferences null).
// Silenced for CLI11's code only: GCC 12 honours a pragma at any point of
// the inlining chain, and CLI11's headers are first read here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop

#include <iostream>
#include <optional>
#include <string>

namespace kb::cli11 {

// The settings every kb-* program shares; call before adding options.
inline void use_house_style(CLI::App& app) {
  // The hand-written parsers these replace let a later --db override an
  // earlier one; scripts append overrides that way.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.get_formatter()->column_width(34);
}

// Throws "NAME is required" when option `name` got no value, neither on the
// command line nor from its environment variable. Call it from the app's
// final callback instead of CLI11's ->required(): that one is checked before
// unknown options, so `kb-tool --bogus` would be told "--db is required"
// rather than that --bogus is unknown.
inline void require(const CLI::App& app, const std::string& name) {
  if (app.count(name) == 0) throw CLI::RequiredError(name);
}

// Writes a command-line error in the house style; returns the exit code 2.
inline int report_usage_error(const CLI::App& app, const std::string& message, std::ostream& err = std::cerr) {
  err << app.get_name() << ": " << message << "\nRun with --help for more information.\n";
  return 2;
}

// Parses argv into `app`. nullopt: go on and run. Otherwise the program's
// exit code, after the help or the error has been written.
inline std::optional<int> parse(CLI::App& app, int argc, const char* const* argv, std::ostream& out = std::cout,
                                std::ostream& err = std::cerr) {
  try {
    app.parse(argc, argv);
    return std::nullopt;
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    return report_usage_error(app, e.what(), err);
  }
}

}  // namespace kb::cli11
