from normalizer.cli import main

main()
