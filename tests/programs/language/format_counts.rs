// Widths and precisions that an argument gives: named (`width$`), positional (`1$`), the next argument (`.*`), and
// inline arguments beside them.
fn main() {
    let w = 7;
    let p = 2;
    let x = 3.14159;
    println!("[{:>w$}]", "ab");
    println!("[{:<w$}]", "ab");
    println!("[{:.p$}]", x);
    println!("[{:>1$}]", "cd", 5);
    println!("[{:.*}]", 3, x);
    println!("[{x:08.p$}]");
    println!("[{:^w$.p$}]", x);
}
