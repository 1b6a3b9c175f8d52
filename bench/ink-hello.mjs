// The Ink hello world the cold-start benchmark compares against.
import React from "react";
import { render, Text } from "ink";

render(React.createElement(Text, { color: "green" }, "Hello, world"));
setTimeout(() => process.exit(0), 2000);
