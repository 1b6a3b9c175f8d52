// The Lua 5.1 idioms of gopher-lua (the original's VM) on fengari's Lua 5.3, so extensions written
// for the original run unchanged: unpack, loadstring, table.getn/maxn, math.pow/log10/ldexp/...,
// best-effort setfenv/getfenv, and floats with an integral value printed without ".0" (`..`,
// tostring, every API that takes text).
import type { LuaState } from "fengari";
import fengari from "fengari";
import lobject from "fengari/src/lobject.js";
import { callLua, loadChunk } from "./lua-call.js";
import { jsString } from "./lua-value.js";

const { lua, lauxlib } = fengari;

// Lua 5.1 has one number type, so `w / 2` printed "40"; 5.3 prints "40.0". fengari formats every
// number through lobject.luaO_tostring (looked up on the module at each call), so one wrapper
// makes integral floats print as 5.1 did. math.type and integer division are untouched.
type TValue = { ttisinteger(): boolean; value: number; setivalue(n: number): void };
const original = lobject.luaO_tostring as (L: unknown, o: TValue) => void;
if (!(original as { lua51?: boolean }).lua51) {
  const patched = (L: unknown, o: TValue): void => {
    if (!o.ttisinteger() && Number.isInteger(o.value) && Math.abs(o.value) < 2 ** 53) o.setivalue(o.value);
    original(L, o);
  };
  (patched as { lua51?: boolean }).lua51 = true;
  lobject.luaO_tostring = patched as (L: unknown, o: unknown) => void;
}

// Written in Lua: these are thin, and Lua is where their semantics are easiest to read.
const PRELUDE = `
local debug, load, select, type, setmetatable, rawget = debug, load, select, type, setmetatable, rawget
local rawtostring, mathtype, tointeger = tostring, math.type, math.tointeger
tostring = function(v)
  if mathtype(v) == "float" then
    local i = tointeger(v)
    if i ~= nil and v > -2^53 and v < 2^53 then return rawtostring(i) end
  end
  return rawtostring(v)
end
unpack = unpack or table.unpack
loadstring = loadstring or function(s, name) return load(s, name) end
table.getn = table.getn or function(t) return #t end
table.maxn = table.maxn or function(t)
  local n = 0
  for k in pairs(t) do if type(k) == "number" and k > n then n = k end end
  return n
end
table.setn = table.setn or function() end
math.pow = math.pow or function(x, y) return x ^ y end
math.log10 = math.log10 or function(x) return math.log(x, 10) end
math.atan2 = math.atan2 or function(y, x) return math.atan(y, x) end
math.ldexp = math.ldexp or function(m, e) return m * 2.0 ^ e end
math.frexp = math.frexp or function(x)
  if x == 0 or x ~= x or x == math.huge or x == -math.huge then return x, 0 end
  local e = math.floor(math.log(math.abs(x), 2)) + 1
  local m = x / 2.0 ^ e
  if math.abs(m) >= 1 then m, e = m / 2, e + 1 elseif math.abs(m) < 0.5 then m, e = m * 2, e - 1 end
  return m, e
end
math.cosh = math.cosh or function(x) return (math.exp(x) + math.exp(-x)) / 2 end
math.sinh = math.sinh or function(x) return (math.exp(x) - math.exp(-x)) / 2 end
math.tanh = math.tanh or function(x) local a, b = math.exp(x), math.exp(-x) return (a - b) / (a + b) end
math.mod = math.mod or math.fmod
string.gfind = string.gfind or string.gmatch

-- The function a setfenv/getfenv argument names: a function, or a stack level (1 = the caller).
local function target(f, level)
  if type(f) == "function" then return f end
  f = f or 1
  if type(f) ~= "number" or f < 0 then error("bad argument #1 (function or level expected)", level + 1) end
  if f == 0 then return nil end
  local info = debug.getinfo(f + level, "f")
  if not info then error("bad argument #1 (invalid level)", level + 1) end
  return info.func
end

local function envIndex(fn)
  local i = 1
  while true do
    local name = debug.getupvalue(fn, i)
    if name == nil then return nil end
    if name == "_ENV" then return i end
    i = i + 1
  end
end

getfenv = getfenv or function(f)
  local fn = target(f, 2)
  if fn == nil then return _G end
  local i = envIndex(fn)
  if i == nil then return _G end
  return select(2, debug.getupvalue(fn, i))
end

-- Best effort: a function that reads globals has an _ENV upvalue, which is re-pointed at t for that
-- function alone (a function that uses no global has nothing to change, as in 5.1 it would not matter).
setfenv = setfenv or function(f, t)
  if type(t) ~= "table" then error("bad argument #2 to 'setfenv' (table expected, got " .. type(t) .. ")", 2) end
  local fn = target(f, 2)
  if fn == nil then return nil end
  local i = envIndex(fn)
  if i ~= nil then
    debug.upvaluejoin(fn, i, function() return t end, 1)
  end
  return fn
end
`;

/** Installs the Lua 5.1 globals into a fresh state (call after the standard libraries are open). */
export function installLua51(L: LuaState): void {
  callLua(L, () => loadChunk(L, PRELUDE, "lua51-compat"), []);
}

/** The value at index i as Lua 5.1's tostring shows it (`5` for 5.0); pushes nothing. */
export function tostringAt(L: LuaState, i: number): string {
  if (lua.lua_type(L, i) === lua.LUA_TNUMBER && !lua.lua_isinteger(L, i)) {
    const n = lua.lua_tonumber(L, i);
    if (Number.isInteger(n) && Math.abs(n) < 2 ** 53) return String(n);
  }
  const s = jsString(lauxlib.luaL_tolstring(L, i));
  lua.lua_pop(L, 1);
  return s;
}
