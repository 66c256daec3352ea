// The whole extension: start `yoshinani server` over stdio for plain-text, Markdown and .eml
// drafts. Diagnostics, quick fixes, hover and the rewrite / fix-all commands come from the server.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("yoshinani").get("command");
  client = new LanguageClient("yoshinani", "yoshinani-lint", { command, args }, {
    documentSelector: [
      { scheme: "file", language: "plaintext" },
      { scheme: "file", language: "markdown" },
      { scheme: "file", pattern: "**/*.eml" },
      { scheme: "untitled", language: "plaintext" },
    ],
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
