// Installs the methods of the core types, after every type exists (called by the bootstrap).
import type { Builtins } from "./builtins-types.js";
import { installDictMethods } from "./dict-methods.js";
import { isInt } from "./int.js";
import { installListMethods, repeatByNonInt } from "./list-methods.js";
import { installNumberMethods } from "./number-methods.js";
import type { ObjectSpace } from "./space.js";
import { isStr, strValue } from "./str.js";
import { printfFormat } from "./str-format.js";
import { installStrMethods } from "./str-methods.js";
import { NB } from "./type.js";

export function installMethods(s: ObjectSpace, b: Builtins): void {
  installStrMethods(s, b);
  installListMethods(s, b);
  installDictMethods(s, b);
  installNumberMethods(s, b);
  // printf-style formatting is str's nb_remainder.
  const strBinop = b.str.slots.binop!;
  b.str.slots.binop = (x, y, nb, reflected) => {
    if ((nb === NB.REMAINDER || nb === NB.INPLACE_REMAINDER) && isStr(s, x)) {
      return printfFormat(s, strValue(s, x), y);
    }
    if (nb === NB.MULTIPLY || nb === NB.INPLACE_MULTIPLY) {
      const [seq, n] = isStr(s, x) ? [x, y] : [y, x];
      if (isStr(s, seq) && !isInt(s, n)) return repeatByNonInt(s, n);
    }
    return strBinop(x, y, nb, reflected);
  };
}
