from dealcheck.cli import main

main()
