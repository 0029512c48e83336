package dev.skiff.engine.expr;

import java.util.List;

/** Calls that are not expr builtins: Argo's extra functions and {@code sprig.name(...)}. */
final class FunctionCalls {
    private FunctionCalls() {
    }

    static Object call(Evaluator ev, Node.Call c) {
        Fn fn = resolve(ev, c.callee());
        List<Object> args = ev.evalAll(c.args());
        return fn.apply(args);
    }

    private static Fn resolve(Evaluator ev, Node callee) {
        if (callee instanceof Node.Identifier id) {
            String name = id.name();
            if (ev.locals().containsKey(name) || ev.env().containsKey(name)) {
                Object v = ev.locals().containsKey(name) ? ev.locals().get(name) : ev.env().get(name);
                throw new EvalError(v == null ? "invalid operation: cannot call nil"
                    : "invalid operation: cannot call non-function of type " + Values.typeName(v));
            }
            Fn fn = ArgoFunctions.get(name);
            if (fn == null) {
                throw new EvalError("unknown name " + name);
            }
            return fn;
        }
        if (callee instanceof Node.Member m && m.object() instanceof Node.Identifier obj
            && obj.name().equals("sprig") && m.property() instanceof Node.Literal lit
            && !ev.env().containsKey("sprig") && !ev.locals().containsKey("sprig")) {
            String name = (String) lit.value();
            Fn fn = Sprig.get(name);
            if (fn == null) {
                throw new EvalError("unknown function sprig." + name + " (cannot call nil)");
            }
            return fn;
        }
        Object target = ev.eval(callee);
        throw new EvalError(target == null ? "invalid operation: cannot call nil"
            : "invalid operation: cannot call non-function of type " + Values.typeName(target));
    }
}
