// Closures that capture, loops with break values and labels, while let, if let, continue.
fn apply<F: Fn(i32) -> i32>(f: F, v: i32) -> i32 {
    f(v)
}

fn main() {
    let k = 10;
    let add_k = |x| x + k;
    println!("{}", apply(add_k, 5));
    let mut count = 0;
    let mut bump = || count += 1;
    bump();
    bump();
    println!("{}", count);
    let found = loop {
        count += 1;
        if count * count > 50 {
            break count;
        }
    };
    println!("{}", found);
    'outer: for i in 0..5 {
        for j in 0..5 {
            if i * j == 6 {
                println!("{} {}", i, j);
                break 'outer;
            }
        }
    }
    let mut n = 0;
    while n < 3 {
        n += 1;
        if n == 2 {
            continue;
        }
        println!("n {}", n);
    }
    let v = if found > 5 { "gt" } else { "le" };
    println!("{}", v);
    if let Some(y) = Some(3) {
        println!("got {}", y);
    }
    let mut stack = vec![1, 2, 3];
    while let Some(top) = stack.pop() {
        println!("top {}", top);
    }
}
