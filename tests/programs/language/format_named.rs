// Named arguments of a format string: `name = value` after it, read by `{name}` and by counts (`width$`); they come
// before a variable of the same name, and positional arguments come first.
fn main() {
    println!("{name} is {age} years old", name = "Ada", age = 36);
    println!("[{n:>w$}]", n = 42, w = 6);
    let x = 1;
    println!("{x}", x = x + 1);
    println!("{} and {other}", "first", other = "second");
    let s = format!("{a}-{b}", a = 1, b = 2);
    println!("{}", s);
    println!("{v} {v:?}", v = "q");
    println!("[{:.prec$}]", 2.71828, prec = 3);
}
