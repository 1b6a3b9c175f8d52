// The built-in offline demo: what a fresh install with no provider answers. It shows every kind
// of output a real model produces: thinking, streamed markdown, a real tool call, a summary of it.
import { parseScript, type ModelScript } from "./model-script.js";

const WELCOME = `## Welcome to librecode

This is the **offline demo**: no model provider is configured, so a built-in script is answering.
It streams the way a real model does, thinks first, and calls real tools.

To talk to a real model, set an API key such as \`OPENAI_API_KEY\` or \`ANTHROPIC_API_KEY\`, or
configure a provider in \`.librecode/config.yaml\`:

\`\`\`yaml
assistant:
  provider: anthropic
  model: claude-sonnet-4-5
\`\`\`

Meanwhile, let me look around the working directory with the \`ls\` tool.`;

// No count of entries: an empty directory's answer is one line too ("(. is empty)").
const SUMMARY = `Here is what the \`ls\` tool found:

\`\`\`
{{tool_result}}
\`\`\`

That was a real tool call: the script asked for it, librecode ran it on your working directory,
and the result came back into the conversation, exactly as it does with a real model.

- \`librecode model list\` shows the providers you can configure
- \`--provider\` and \`--model\` pick one for a single run`;

/** The demo script: think, welcome in markdown, call `ls` on ".", then summarise what it found. */
export function demoScript(): ModelScript {
  return parseScript(
    {
      chunk: 6,
      delay_ms: 25,
      turns: [
        {
          thinking:
            "No provider is configured, so this is the offline demo. I'll show what a turn looks like: " +
            "this thinking, a streamed markdown answer, then a real tool call that lists the working directory.",
          text: WELCOME,
          tool_calls: [{ name: "ls", arguments: { path: "." } }],
        },
        { thinking: "The listing came back; summarise it briefly.", text: SUMMARY },
      ],
    },
    "demo",
  );
}
